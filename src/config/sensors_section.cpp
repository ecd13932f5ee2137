#include "config/sensors_section.hpp"

#include <optional>
#include <string>

#include "rollstation/core/source_spec.hpp"

namespace rs::config {
namespace {

// Two Bluetooth sensors on one device (the same address, or both "the first of a kind") would
// fight over it: the second never links. What they share, for the error, or nothing.
std::optional<std::string> ble_clash(const std::optional<core::SourceSpec>& earlier,
                                     const core::SourceSpec& spec) {
    using Kind = core::SourceSpec::Kind;
    if (!earlier || earlier->kind != Kind::ble || spec.kind != Kind::ble ||
        earlier->adapter != spec.adapter)
        return std::nullopt;
    if (!spec.ble_address.empty() && spec.ble_address == earlier->ble_address)
        return "device " + spec.ble_address;
    if (spec.ble_address.empty() && earlier->ble_address.empty() &&
        spec.ble_kind == earlier->ble_kind)
        return "the first " + std::string(core::ble::family(spec.ble_kind).name) +
               " device (give each its address, from rollstation --scan-sensors)";
    return std::nullopt;
}

// The tools whose steps a sensor measures, such as [foam-roller, peanut-ball].
std::optional<std::vector<core::Tool>> read_sensor_tools(YamlReader& r, const YAML::Node& item,
                                                         const std::string& what) {
    auto node = r.field(item, "tools", Need::optional, what);
    if (!node)
        return std::nullopt;
    if (!node->IsSequence() || node->size() == 0) {
        r.error(*node, what + ".tools must be a non-empty list such as [foam-roller]");
        return std::nullopt;
    }
    std::vector<core::Tool> tools;
    for (std::size_t i = 0; i < node->size(); ++i) {
        const auto tool =
            r.word<core::Tool>((*node)[i], what + ".tools[" + std::to_string(i) + "]");
        if (!tool)
            return std::nullopt;
        if (std::find(tools.begin(), tools.end(), *tool) != tools.end()) {
            r.error((*node)[i],
                    what + ".tools lists '" + std::string(core::name_of(*tool)) + "' twice");
            return std::nullopt;
        }
        tools.push_back(*tool);
    }
    return tools;
}

}  // namespace

void read_sensors(YamlReader& r, const YAML::Node& root, std::vector<SensorConfig>& out) {
    auto node = r.field(root, "sensors", Need::optional, "");
    if (!node)
        return;
    if (!node->IsSequence()) {
        r.error(*node, "sensors must be a list of sensors");
        return;
    }
    for (std::size_t i = 0; i < node->size(); ++i) {
        const YAML::Node item = (*node)[i];
        const std::string what = "sensors[" + std::to_string(i) + "]";
        if (!r.expect_map(item, what))
            continue;
        const std::size_t before = r.error_count();
        r.allow_only(item, what, {"id", "kind", "source", "circumference_mm", "tools", "weigh_in"});
        SensorConfig sensor;
        std::optional<core::SourceSpec> spec;
        if (auto id = r.text(item, "id", Need::required, what, 32)) {
            if (!core::is_device_id(*id)) {
                r.error(item["id"],
                        what + ".id '" + *id + "' may use only letters, digits, '-', '_' and '.'");
            }
            for (const auto& earlier : out) {
                if (earlier.id == *id)
                    r.error(item["id"], what + ".id '" + *id + "' is used by another sensor");
            }
            sensor.id = *id;
        }
        if (auto kind = r.text(item, "kind", Need::optional, what, 16)) {
            if (*kind == "roller" || *kind == "pad") {
                sensor.kind = *kind;
            } else {
                r.error(item["kind"], what + ".kind must be roller or pad, not '" + *kind + "'");
            }
        }
        if (auto source = r.text(item, "source", Need::required, what, 512)) {
            // The same grammar the kiosk starts its sources with: what passes here will run.
            const core::SpecParse parsed = core::parse_source(*source);
            if (!parsed.spec) {
                r.error(item["source"], what + ": " + parsed.error);
            } else {
                for (const auto& earlier : out) {
                    const auto other = core::parse_source(earlier.source).spec;
                    if (other && other->kind == core::SourceSpec::Kind::serial &&
                        parsed.spec->kind == core::SourceSpec::Kind::serial &&
                        other->path == parsed.spec->path) {
                        r.error(item["source"], what + ".source: " + parsed.spec->path +
                                                    " is already sensor " + earlier.id +
                                                    "'s device");
                    }
                    if (const auto clash = ble_clash(other, *parsed.spec))
                        r.error(item["source"], what + ".source: " + *clash +
                                                    " is already sensor " + earlier.id + "'s");
                }
                sensor.source = *source;
            }
        }
        // Optional: without it the device's hello supplies the circumference.
        if (auto c = r.integer(item, "circumference_mm", Need::optional, what, 50, 2000))
            sensor.circumference_mm = *c;
        sensor.tools = core::SensorSpec::default_tools(sensor.kind);
        if (auto tools = read_sensor_tools(r, item, what))
            sensor.tools = std::move(*tools);
        sensor.weigh_in = sensor.kind == "pad";
        if (auto w = r.boolean(item, "weigh_in", Need::optional, what)) {
            if (*w && sensor.kind != "pad")
                r.error(item["weigh_in"], what + ".weigh_in: only a pad can be stood on; a " +
                                              sensor.kind + " cannot weigh an athlete");
            sensor.weigh_in = *w;
        }
        if (r.error_count() == before)
            out.push_back(std::move(sensor));  // a sensor with a mistake is left out, not half-used
    }
}

}  // namespace rs::config
