// libFuzzer target for the sensor wire-protocol parser. Besides "never crash", it checks that
// the parser's answer does not depend on how the bytes were split into reads.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "rollstation/core/wire.hpp"

using namespace rs::core::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    Parser whole;
    std::vector<Message> at_once;
    whole.feed(bytes, [&](const Message& m) { at_once.push_back(m); });

    // The same bytes, split into reads whose sizes come from the data itself.
    Parser pieces;
    std::vector<Message> in_pieces;
    std::size_t at = 0, step = 1;
    while (at < bytes.size()) {
        const std::size_t n = std::min(bytes.size() - at, step);
        pieces.feed(bytes.substr(at, n), [&](const Message& m) { in_pieces.push_back(m); });
        at += n;
        step = 1 + (static_cast<unsigned char>(bytes[at - 1]) % 17);
    }
    if (at_once != in_pieces || !(whole.counters() == pieces.counters()))
        std::abort();
    if (whole.counters().lines != at_once.size())
        std::abort();
    return 0;
}
