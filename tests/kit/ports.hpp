// Loopback ports for servers a test starts: free ones, and whether something listens.
#pragma once

#include <string>

namespace rs::kit {

// A TCP (or UDP) port on `host` that nobody holds right now (bound to port 0, read back,
// released).
int free_tcp_port(const std::string& host = "127.0.0.1");
int free_udp_port(const std::string& host = "127.0.0.1");
// Whether something accepts a TCP connection on 127.0.0.1:`port` (connects and closes again).
bool tcp_accepts(int port);

}  // namespace rs::kit
