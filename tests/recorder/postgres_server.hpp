// A real PostgreSQL for the recorder's tests: initdb into the test's folder, the server on a
// free loopback port as an unprivileged user (setpriv to nobody when the tests run as root, as
// CI does: PostgreSQL refuses to run as root), stopped by its pid.
#pragma once

#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::rtest {

using namespace rs::itest;

inline const std::filesystem::path kPostgresBin = "/usr/lib/postgresql/15/bin";

class PostgresServer {
  public:
    explicit PostgresServer(std::filesystem::path dir)
        : dir_(std::move(dir)), port_(free_tcp_port()) {
        std::filesystem::create_directories(dir_);
        if (::geteuid() == 0) {
            // nobody must reach and own the data folder: open the way down to it.
            // Every folder from the system temp folder down to it.
            const auto top = std::filesystem::temp_directory_path();
            for (auto p = dir_; p != top && p != p.root_path(); p = p.parent_path())
                std::filesystem::permissions(p, std::filesystem::perms(0755));
            const passwd* nobody = ::getpwnam("nobody");
            REQUIRE(nobody != nullptr);
            REQUIRE(::chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
        }
        ChildProcess initdb(as_user({(kPostgresBin / "initdb").string(), "-D", data().string(),
                                     "-A", "trust", "-U", "rs", "-E", "UTF8", "--no-sync"}),
                            dir_, "initdb");
        const auto code = initdb.wait_for_exit(std::chrono::seconds(60));
        INFO(initdb.describe());
        REQUIRE(code == 0);
    }
    ~PostgresServer() { stop(); }
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    int port() const { return port_; }
    bool up() const { return process_ != nullptr; }
    std::string uri(const std::string& database = "postgres") const {
        return "postgresql://rs@127.0.0.1:" + std::to_string(port_) + "/" + database;
    }

    void start() {
        REQUIRE_FALSE(process_);
        ++runs_;
        process_ = std::make_unique<ChildProcess>(
            as_user({(kPostgresBin / "postgres").string(), "-D", data().string(), "-p",
                     std::to_string(port_), "-h", "127.0.0.1", "-k", dir_.string(), "-c",
                     "fsync=on", "-c", "max_connections=40"}),
            dir_, "postgres-" + std::to_string(runs_));
        require_eventually(
            "PostgreSQL on port " + std::to_string(port_),
            [&] { return !process_->running() || accepts(); }, std::chrono::seconds(30));
        INFO(process_->describe());
        REQUIRE(process_->running());
    }

    // Fast shutdown (SIGINT: clients are disconnected, the data is flushed), then reaped.
    void stop() {
        if (!process_)
            return;
        ::kill(process_->pid(), SIGINT);
        process_->wait_for_exit(std::chrono::seconds(20));
        process_.reset();
    }

    // A fresh, empty database for one test; its URI.
    std::string fresh_database() {
        const std::string name = "t" + std::to_string(++databases_);
        std::unique_ptr<PGconn, void (*)(PGconn*)> c(PQconnectdb(uri().c_str()), &PQfinish);
        REQUIRE(PQstatus(c.get()) == CONNECTION_OK);
        PQclear(PQexec(c.get(), ("CREATE DATABASE " + name).c_str()));
        return uri(name);
    }

  private:
    std::filesystem::path data() const { return dir_ / "data"; }
    std::vector<std::string> as_user(std::vector<std::string> argv) const {
        if (::geteuid() != 0)
            return argv;
        std::vector<std::string> wrapped{"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                                         "--clear-groups", "--"};
        wrapped.insert(wrapped.end(), argv.begin(), argv.end());
        return wrapped;
    }
    bool accepts() const { return PQping(uri().c_str()) == PQPING_OK; }

    std::filesystem::path dir_;
    int port_;
    std::unique_ptr<ChildProcess> process_;
    int runs_ = 0;
    int databases_ = 0;
};

// One server for the whole test program (starting one takes about a second); each test
// takes a database of its own.
inline PostgresServer& shared_postgres() {
    static TempDir dir;
    static PostgresServer server(dir / "pg");
    if (!server.up())
        server.start();
    return server;
}

}  // namespace rs::rtest
