#include "kit/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "kit/temp_dir.hpp"
#include "kit/wait.hpp"

namespace rs::kit {

Process::Process(std::vector<std::string> argv, ProcessOutput output)
    : argv_(std::move(argv)), output_(std::move(output)) {
    // Everything the child needs is made before fork: after it, only exec-safe calls.
    std::vector<char*> args;
    for (auto& a : argv_)
        args.push_back(a.data());
    args.push_back(nullptr);
    const int mode = O_WRONLY | O_CREAT | O_CLOEXEC | (output_.append ? O_APPEND : O_TRUNC);
    const int out = ::open(output_.out.c_str(), mode, 0644);
    const int err = output_.err.empty() ? out : ::open(output_.err.c_str(), mode, 0644);
    const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || in < 0)
        throw std::system_error(errno, std::generic_category(),
                                "cannot open the output files of " + name());
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    const int fork_errno = errno;
    ::close(in);
    ::close(out);
    if (err != out)
        ::close(err);
    if (pid_ < 0)
        throw std::system_error(fork_errno, std::generic_category(), "fork");
}

Process::~Process() {
    stop();
}

void Process::record(int wait_status) {
    if (WIFEXITED(wait_status))
        status_ = WEXITSTATUS(wait_status);
    else if (WIFSIGNALED(wait_status))
        status_ = 128 + WTERMSIG(wait_status);
    else
        status_ = -1;
}

void Process::poll() {
    if (pid_ <= 0 || status_)
        return;
    int wait_status = 0;
    if (::waitpid(pid_, &wait_status, WNOHANG) == pid_)
        record(wait_status);
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

std::optional<int> Process::wait_for_exit(std::chrono::milliseconds limit) {
    wait_until([&] { return !running(); }, limit);
    return status_;
}

int Process::stop(std::chrono::milliseconds grace) {
    if (pid_ <= 0)
        return -1;
    if (!status_) {
        ::kill(pid_, SIGTERM);
        if (!wait_until([&] { return !running(); }, grace)) {
            ::kill(pid_, SIGKILL);
            int wait_status = 0;
            while (::waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
            }
            record(wait_status);
        }
    }
    return *status_;
}

std::string Process::out() const {
    return read_text(output_.out);
}

std::string Process::err() const {
    return output_.err.empty() ? std::string() : read_text(output_.err);
}

std::string Process::describe() const {
    std::string d;
    for (const auto& a : argv_)
        d += a + " ";
    return d + "\n--- stdout\n" + out() + "--- stderr\n" + err();
}

}  // namespace rs::kit
