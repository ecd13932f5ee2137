#include "core/line_writer.hpp"

namespace rsfw {

LineWriter::LineWriter(const char* type) {
    text_[length_++] = '$';
    add_text(type);
}

void LineWriter::put(char c) {
    // Leave room for "*HH": the checksum must always fit behind the body.
    if (length_ + 3 >= kMaxLineBytes + 1) {
        overflow_ = true;
        return;
    }
    text_[length_++] = c;
    sum_ = static_cast<uint8_t>(sum_ ^ static_cast<uint8_t>(c));
}

void LineWriter::add_unsigned(uint32_t value) {
    separator();
    char digits[10];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0)
        put(digits[--n]);
}

void LineWriter::add_signed(int32_t value) {
    if (value >= 0) {
        add_unsigned(static_cast<uint32_t>(value));
        return;
    }
    separator();
    put('-');
    // Negate in unsigned arithmetic so INT32_MIN has a magnitude too.
    uint32_t magnitude = 0u - static_cast<uint32_t>(value);
    char digits[10];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    while (n > 0)
        put(digits[--n]);
}

void LineWriter::add_text(const char* text) {
    if (length_ > 1)
        separator();
    for (const char* p = text; *p != '\0'; ++p)
        put(*p);
}

void LineWriter::add_empty() {
    separator();
}

const char* LineWriter::finish() {
    static const char kHex[] = "0123456789ABCDEF";
    if (overflow_)
        return nullptr;
    text_[length_++] = '*';
    text_[length_++] = kHex[sum_ >> 4];
    text_[length_++] = kHex[sum_ & 0x0F];
    text_[length_++] = '\n';
    text_[length_] = '\0';
    return text_;
}

}  // namespace rsfw
