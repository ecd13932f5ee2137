// Child processes for the soak: started with fork/exec, their output appended to a log file,
// signalled and reaped by pid only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rs::soak {

class Process {
  public:
    // Starts `argv` (argv[0] a path) with stdin from /dev/null and stdout and stderr appended to
    // `log`. Throws std::system_error if it cannot fork.
    Process(std::vector<std::string> argv, const std::filesystem::path& log);
    ~Process();  // SIGKILL and reap, if still running
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    void signal(int sig);
    // How it ended: its exit code, or 128 + the signal; nothing while it runs.
    std::optional<int> status();
    // Waits at most `limit` for it to end.
    std::optional<int> wait(std::chrono::milliseconds limit);
    // SIGTERM, then SIGKILL if it is still there after `grace`; always reaped.
    int stop(std::chrono::milliseconds grace);
    std::string name() const { return argv_.empty() ? "" : argv_.front(); }

  private:
    void poll();
    std::vector<std::string> argv_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

}  // namespace rs::soak
