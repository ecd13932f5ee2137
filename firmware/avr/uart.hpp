// USB serial at 115200 baud, both directions through interrupt-driven ring buffers: sending a
// line only copies it, so a 40-byte line (3.5 ms on the wire) never holds up the next sample.
#pragma once

#include <stdint.h>

namespace uart {

void start();
// Queues the whole line or, if the buffer lacks room, none of it (a torn line would only be
// counted as malformed by the kiosk); false when dropped.
bool send(const char* bytes, uint8_t length);
// The next received byte, if any.
bool receive(char& c);
bool has_input();

}  // namespace uart
