// rollstation --probe-sensor: an installer's check of one sensor, printed as it runs.
#pragma once

#include <ostream>
#include <string>

namespace rs::app {

// Reads the sensor for `seconds`, printing a line a second and a summary. Returns 0 when samples
// arrived, 1 when the source could not be opened or stayed silent, 2 when it is not a source.
int run_probe(const std::string& source, int seconds, std::ostream& out);

}  // namespace rs::app
