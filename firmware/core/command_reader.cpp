#include "core/command_reader.hpp"

#include "core/load_cell.hpp"

namespace rsfw {
namespace {

bool same_word(const char* text, uint8_t length, const char* word) {
    uint8_t i = 0;
    for (; i < length && word[i] != '\0'; ++i) {
        if (text[i] != word[i])
            return false;
    }
    return i == length && word[i] == '\0';
}

// A whole number from `min` to `max`, nothing else: no sign, no spaces, at most 7 digits.
bool parse_number(const char* text, uint8_t length, int32_t min, int32_t max, int32_t& out) {
    if (length == 0 || length > 7)
        return false;
    int32_t value = 0;
    for (uint8_t i = 0; i < length; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    if (value < min || value > max)
        return false;
    out = value;
    return true;
}

}  // namespace

Command CommandReader::feed(char c) {
    if (c == '\n' || c == '\r') {
        Command command;
        if (overflow_) {
            command.kind = CommandKind::too_long;
        } else if (!noise_) {
            command = parse();
        }
        length_ = 0;
        overflow_ = false;
        noise_ = false;
        return command;
    }
    const auto byte = static_cast<uint8_t>(c);
    if (byte < 0x20 || byte > 0x7E) {
        noise_ = true;  // line noise or a baud-rate mismatch: not worth an answer
        return {};
    }
    if (length_ == kMaxCommandBytes) {
        overflow_ = true;
        return {};
    }
    // Terminals differ in case; commands do not.
    text_[length_++] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return {};
}

Command CommandReader::parse() const {
    uint8_t start = 0;
    uint8_t end = length_;
    while (start < end && text_[start] == ' ')
        ++start;
    while (end > start && text_[end - 1] == ' ')
        --end;
    if (start == end)
        return {};
    const char* text = text_ + start;
    const uint8_t length = static_cast<uint8_t>(end - start);
    uint8_t word = 0;
    while (word < length && text[word] != ' ')
        ++word;
    uint8_t arg = word;
    while (arg < length && text[arg] == ' ')
        ++arg;
    const char* argument = text + arg;
    const uint8_t argument_length = static_cast<uint8_t>(length - arg);

    Command command;
    struct Plain {
        const char* word;
        CommandKind kind;
    };
    static const Plain kPlain[] = {{"TARE", CommandKind::tare},
                                   {"SAVE", CommandKind::save},
                                   {"CANCEL", CommandKind::cancel},
                                   {"INFO", CommandKind::info}};
    for (const Plain& p : kPlain) {
        if (same_word(text, word, p.word)) {
            command.kind = argument_length == 0 ? p.kind : CommandKind::unknown;
            return command;
        }
    }
    const bool calibrate = same_word(text, word, "CAL");
    const bool scale = same_word(text, word, "SCALE");
    if (!calibrate && !scale) {
        command.kind = CommandKind::unknown;
        return command;
    }
    // CAL takes 1.0 N to 10 kN in tenths of a newton; SCALE a factor in counts per newton.
    const bool ok = calibrate
                        ? parse_number(argument, argument_length, 10, kMaxForceDn, command.value)
                        : parse_number(argument, argument_length, kMinCountsPerNewton,
                                       kMaxCountsPerNewton, command.value);
    command.kind =
        !ok ? CommandKind::bad_number : (calibrate ? CommandKind::calibrate : CommandKind::scale);
    return command;
}

}  // namespace rsfw
