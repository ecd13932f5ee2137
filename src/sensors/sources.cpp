#include <map>

#include "sensors/ble_source.hpp"
#include "sensors/sources_internal.hpp"

namespace rs::sensors {
namespace asio = boost::asio;

void deliver(core::wire::Parser& parser, const std::string& sensor_id, std::string_view bytes,
             const Post& post) {
    core::act::SensorBatch batch;
    batch.sensor_id = sensor_id;
    const core::wire::Counters before = parser.counters();
    parser.feed(bytes, [&](const core::wire::Message& m) { batch.messages.push_back(m); });
    batch.counters = parser.counters();
    // Half a line is no news: the UI hears about it when the line is complete.
    if (!batch.messages.empty() || !(batch.counters == before))
        post(std::move(batch));
}

void ProblemLatch::report(const Outputs& out, const std::string& sensor_id,
                          const std::string& problem) {
    if (problem == last_)
        return;
    last_ = problem;
    if (out.report)
        out.report(sensor_id, problem);
}

std::vector<std::shared_ptr<Source>> make_sources(asio::io_context& io,
                                                  const std::vector<SensorBinding>& sensors,
                                                  const Outputs& out) {
    std::vector<std::shared_ptr<Source>> sources;
    std::map<std::pair<std::string, int>, std::vector<std::string>> udp_ports;
    std::map<std::pair<std::string, int>, core::SourceSpec> udp_specs;
    for (const auto& s : sensors) {
        switch (s.spec.kind) {
            case core::SourceSpec::Kind::serial:
                sources.push_back(std::make_shared<SerialSource>(io, s.sensor_id, s.spec, out));
                sources.back()->name = "sensor " + s.sensor_id + " on serial:" + s.spec.path;
                break;
            case core::SourceSpec::Kind::udp: {
                const auto key = std::make_pair(s.spec.host, s.spec.port);
                udp_ports[key].push_back(s.sensor_id);
                udp_specs[key] = s.spec;
                break;
            }
            case core::SourceSpec::Kind::sim:
                sources.push_back(
                    std::make_shared<SimSource>(io, s.sensor_id, s.spec.profile, out));
                sources.back()->name = "sensor " + s.sensor_id + " on the simulator";
                break;
            case core::SourceSpec::Kind::ble:
                sources.push_back(std::make_shared<BleSource>(io, s.sensor_id, s.spec, out));
                sources.back()->name = "sensor " + s.sensor_id + " on ble:" +
                                       (s.spec.ble_address.empty() ? "any" : s.spec.ble_address);
                break;
        }
    }
    for (auto& [key, ids] : udp_ports) {
        sources.push_back(std::make_shared<UdpSource>(io, udp_specs[key], ids, out));
        std::string names;
        for (const auto& id : ids)
            names += (names.empty() ? "" : ", ") + id;
        sources.back()->name =
            "sensor " + names + " on udp:" + key.first + ":" + std::to_string(key.second);
    }
    return sources;
}

}  // namespace rs::sensors
