// A problem found in a configuration or routine file, located as file:line:col.
#pragma once

#include <string>
#include <vector>

namespace rs::config {

struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem concerns the whole file
    int column = 0;  // 1-based
    std::string message;

    // "config/routines/x.yaml:12:7: message", the form editors and CI logs understand.
    std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace rs::config
