// What an installer needs to find the station on the network: its addresses.
#pragma once

#include <string>
#include <vector>

namespace rs::app {

// "eth0 192.168.1.20", "wlan0 fe80::…": every up interface but loopback, IPv4 first.
std::vector<std::string> network_addresses();

}  // namespace rs::app
