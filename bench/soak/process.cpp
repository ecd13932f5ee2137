#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <thread>

namespace rs::soak {

Process::Process(std::vector<std::string> argv, const std::filesystem::path& log)
    : argv_(std::move(argv)) {
    // Everything the child needs is made before fork: after it, only exec-safe calls.
    std::vector<char*> args;
    for (auto& a : argv_)
        args.push_back(a.data());
    args.push_back(nullptr);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0)
        throw std::system_error(errno, std::generic_category(), "cannot open " + log.string());
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(out, 2);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    const int fork_errno = errno;
    ::close(in);
    ::close(out);
    if (pid_ < 0)
        throw std::system_error(fork_errno, std::generic_category(), "fork");
}

Process::~Process() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        wait(std::chrono::seconds(10));
    }
}

void Process::poll() {
    if (pid_ <= 0 || status_)
        return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_)
        return;
    if (WIFEXITED(status)) {
        status_ = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        status_ = 128 + WTERMSIG(status);
    } else {
        status_ = -1;
    }
}

bool Process::running() {
    poll();
    return pid_ > 0 && !status_;
}

void Process::signal(int sig) {
    if (running())
        ::kill(pid_, sig);
}

std::optional<int> Process::status() {
    poll();
    return status_;
}

std::optional<int> Process::wait(std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (running() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return status_;
}

int Process::stop(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    if (!wait(grace)) {
        signal(SIGKILL);
        wait(std::chrono::seconds(30));
    }
    return status_.value_or(-1);
}

}  // namespace rs::soak
