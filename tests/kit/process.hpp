// A program run with fork/exec, its standard input from /dev/null and its output in files;
// signalled and reaped by pid only, however the test or the soak ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rs::kit {

struct ProcessOutput {
    std::filesystem::path out;  // standard output
    std::filesystem::path err;  // standard error; empty: into `out` as well
    bool append = false;        // add to the files (a log across runs) instead of replacing them
};

class Process {
  public:
    // Starts `argv` (argv[0] a path). Throws std::system_error if the files cannot be opened or
    // it cannot fork; a program that cannot be run exits with 127.
    Process(std::vector<std::string> argv, ProcessOutput output);
    ~Process();  // SIGTERM, then SIGKILL after 2 s, if still running; always reaped
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    void signal(int sig);
    // How it ended: its exit code, or 128 + the signal; nothing while it runs.
    std::optional<int> status();
    // Waits at most `limit` for it to end.
    std::optional<int> wait_for_exit(std::chrono::milliseconds limit);
    // SIGTERM, then SIGKILL if it is still there after `grace`; always reaped.
    int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

    std::string name() const { return argv_.empty() ? "" : argv_.front(); }
    std::string out() const;
    std::string err() const;
    // The command line and everything it wrote, for a failure message.
    std::string describe() const;

  private:
    void poll();
    void record(int wait_status);

    std::vector<std::string> argv_;
    ProcessOutput output_;
    pid_t pid_ = -1;
    std::optional<int> status_;
};

}  // namespace rs::kit
