#include "rollstation/core/ble_decoders.hpp"

#include "rollstation/core/overloaded.hpp"

namespace rs::core::ble {
namespace {

std::variant<WitMotionDecoder, ProgressorDecoder, NusDecoder> make(DeviceKind kind, Axis axis) {
    switch (kind) {
        case DeviceKind::witmotion:
            return WitMotionDecoder(axis);
        case DeviceKind::progressor:
            return ProgressorDecoder();
        case DeviceKind::nus:
            return NusDecoder();
    }
    return NusDecoder();
}

}  // namespace

void NusDecoder::feed(Bytes notification, std::uint32_t /*arrival_ms*/,
                      std::vector<wire::Message>& out) {
    const std::string_view text(reinterpret_cast<const char*>(notification.data()),
                                notification.size());
    parser_.feed(text, [&](const wire::Message& m) { out.push_back(m); });
}

NotificationDecoder::NotificationDecoder(DeviceKind kind, Axis axis) : decoder_(make(kind, axis)) {}

void NotificationDecoder::feed(Bytes notification, std::uint32_t arrival_ms,
                               std::vector<wire::Message>& out) {
    std::visit([&](auto& d) { d.feed(notification, arrival_ms, out); }, decoder_);
}

const wire::Counters& NotificationDecoder::counters() const {
    return std::visit([](const auto& d) -> const wire::Counters& { return d.counters(); },
                      decoder_);
}

void NotificationDecoder::reset_stream() {
    std::visit([](auto& d) { d.reset_stream(); }, decoder_);
}

std::optional<wire::Status> battery_level(Bytes value) {
    if (value.size() != 1 || value[0] > 100)
        return std::nullopt;
    return wire::Status{value[0], 0};
}

}  // namespace rs::core::ble
