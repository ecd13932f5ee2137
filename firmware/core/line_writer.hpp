// Builds one wire-protocol line ("$BODY*HH\n") in a fixed buffer: no heap, no printf, so the
// same code runs on the ATmega328P and in the host tests (docs/sensor-protocol.md).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rsfw {

// The protocol's limit from '$' to the end of the checksum; the line end comes after it.
constexpr size_t kMaxLineBytes = 96;

class LineWriter {
  public:
    // Starts "$TYPE" (TYPE is five letters such as RSDAT).
    explicit LineWriter(const char* type);

    void add_unsigned(uint32_t value);
    void add_signed(int32_t value);
    // Text the protocol can carry in a field: the caller passes no ',', '*' or '$'.
    void add_text(const char* text);
    // A quantity not measured: the field is there but empty, never a made-up zero.
    void add_empty();

    // Appends "*HH\n" and returns the whole line (NUL-terminated); nullptr if it did not fit.
    const char* finish();
    size_t size() const { return length_; }

  private:
    void put(char c);
    void separator() { put(','); }

    char text_[kMaxLineBytes + 2] = {};  // + '\n' + NUL
    size_t length_ = 0;
    uint8_t sum_ = 0;
    bool overflow_ = false;
};

}  // namespace rsfw
