// The serial command line: bytes in, one parsed command out per line end. Whatever arrives is
// bounded (a fixed buffer) and judged: noise is dropped quietly, a line too long or a bad
// number is reported, so nothing a terminal can send reaches the EEPROM unasked.
#pragma once

#include <stdint.h>

namespace rsfw {

enum class CommandKind : uint8_t {
    none,        // nothing to do (an empty line, or noise)
    tare,        // TARE: zero the load cell now
    calibrate,   // CAL <dN>: the known force on the pad, in tenths of a newton
    scale,       // SCALE <counts per newton>: a factor known from before
    save,        // SAVE: store the pending factor in EEPROM
    cancel,      // CANCEL: forget the pending factor
    info,        // INFO: the factor in use and whether it came from EEPROM
    unknown,     // a printable line that is no command
    too_long,    // longer than kMaxCommandBytes
    bad_number,  // a command whose number is missing, malformed or out of range
};

struct Command {
    CommandKind kind = CommandKind::none;
    int32_t value = 0;
};

class CommandReader {
  public:
    static constexpr uint8_t kMaxCommandBytes = 24;

    // Feeds one byte; at a line end ('\n' or '\r') returns the command that line held.
    Command feed(char c);

  private:
    Command parse() const;

    char text_[kMaxCommandBytes] = {};
    uint8_t length_ = 0;
    bool overflow_ = false;
    bool noise_ = false;
};

}  // namespace rsfw
