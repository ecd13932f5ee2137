// rollstation --scan-sensors: the Bluetooth LE sensors nearby, for an installer.
#pragma once

#include <ostream>

namespace rs::app {

// Scans for `seconds` and prints every supported sensor seen (name, address, kind, signal
// strength and the station-file lines to use). Returns 0 when the scan ran (even if it found
// nothing), 1 when it could not (no bus, no BlueZ, no adapter, adapter off).
int run_scan(int seconds, std::ostream& out);

}  // namespace rs::app
