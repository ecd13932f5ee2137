// A command line run through the shell to its end, with what it printed: for the tests that
// check a tool's exit code and report.
#pragma once

#include <string>

namespace rs::kit {

struct ShellResult {
    int exit_code = -1;  // -1: it did not exit normally (a signal), or could not be started
    std::string output;  // what it wrote to the pipe (add 2>&1 for its errors too)
};

ShellResult run_shell(const std::string& command);

// `text` as one shell word: 'it'\''s'.
std::string shell_quoted(const std::string& text);

}  // namespace rs::kit
