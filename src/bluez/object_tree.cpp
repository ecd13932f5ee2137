#include "bluez/object_tree.hpp"

#include <algorithm>
#include <cctype>

namespace rs::bluez {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool under(const std::string& path, const std::string& parent) {
    return path.size() > parent.size() && path.compare(0, parent.size(), parent) == 0 &&
           path[parent.size()] == '/';
}

}  // namespace

void ObjectTree::reset(const ManagedObjects& objects) {
    objects_.clear();
    for (const auto& [path, interfaces] : objects)
        objects_[path] = interfaces;
}

void ObjectTree::added(const std::string& path, const Interfaces& interfaces) {
    for (const auto& [name, properties] : interfaces)
        objects_[path][name] = properties;
}

void ObjectTree::removed(const std::string& path, const std::vector<std::string>& interfaces) {
    const auto it = objects_.find(path);
    if (it == objects_.end())
        return;
    for (const auto& name : interfaces)
        it->second.erase(name);
    if (it->second.empty())
        objects_.erase(it);
}

void ObjectTree::changed(const std::string& path, const std::string& interface,
                         const std::map<std::string, sdbus::Variant>& properties,
                         const std::vector<std::string>& invalidated) {
    const auto it = objects_.find(path);
    if (it == objects_.end())
        return;
    const auto iface = it->second.find(interface);
    if (iface == it->second.end())
        return;
    for (const auto& [name, value] : properties)
        iface->second[name] = value;
    for (const auto& name : invalidated)
        iface->second.erase(name);
}

const std::map<std::string, sdbus::Variant>* ObjectTree::find(const std::string& path,
                                                              const std::string& interface) const {
    const auto it = objects_.find(path);
    if (it == objects_.end())
        return nullptr;
    const auto iface = it->second.find(interface);
    return iface == it->second.end() ? nullptr : &iface->second;
}

bool ObjectTree::has_adapter(const std::string& adapter_path) const {
    return find(adapter_path, kAdapter) != nullptr;
}

bool ObjectTree::powered(const std::string& adapter_path) const {
    const auto* adapter = find(adapter_path, kAdapter);
    return adapter && property<bool>(*adapter, "Powered").value_or(false);
}

std::optional<Device> ObjectTree::device(const std::string& path) const {
    const auto* p = find(path, kDevice);
    if (!p)
        return std::nullopt;
    Device d;
    d.path = path;
    d.adapter_path = property<sdbus::ObjectPath>(*p, "Adapter").value_or(sdbus::ObjectPath{});
    d.address = property<std::string>(*p, "Address").value_or("");
    d.name =
        property<std::string>(*p, "Name").value_or(property<std::string>(*p, "Alias").value_or(""));
    if (const auto rssi = property<std::int16_t>(*p, "RSSI"))
        d.rssi = *rssi;
    d.connected = property<bool>(*p, "Connected").value_or(false);
    d.services_resolved = property<bool>(*p, "ServicesResolved").value_or(false);
    for (const auto& uuid :
         property<std::vector<std::string>>(*p, "UUIDs").value_or(std::vector<std::string>{}))
        d.uuids.push_back(lower(uuid));
    return d;
}

std::vector<Device> ObjectTree::devices(const std::string& adapter_path) const {
    std::vector<Device> out;
    for (const auto& [path, interfaces] : objects_) {
        if (!interfaces.count(kDevice))
            continue;
        auto d = device(path);
        if (d && (d->adapter_path == adapter_path || under(path, adapter_path)))
            out.push_back(std::move(*d));
    }
    return out;
}

std::optional<std::string> ObjectTree::characteristic(const std::string& device_path,
                                                      std::string_view uuid) const {
    for (const auto& [path, interfaces] : objects_) {
        if (!under(path, device_path))
            continue;
        const auto it = interfaces.find(kCharacteristic);
        if (it == interfaces.end())
            continue;
        if (lower(property<std::string>(it->second, "UUID").value_or("")) == uuid)
            return path;
    }
    return std::nullopt;
}

bool ObjectTree::apply(sdbus::Message& signal) {
    const std::string member = signal.getMemberName();
    if (member == "InterfacesAdded") {
        sdbus::ObjectPath path;
        Interfaces interfaces;
        signal >> path >> interfaces;
        added(path, interfaces);
        return true;
    }
    if (member == "InterfacesRemoved") {
        sdbus::ObjectPath path;
        std::vector<std::string> interfaces;
        signal >> path >> interfaces;
        removed(path, interfaces);
        return true;
    }
    if (member == "PropertiesChanged") {
        std::string interface;
        std::map<std::string, sdbus::Variant> properties;
        std::vector<std::string> invalidated;
        signal >> interface >> properties >> invalidated;
        changed(signal.getPath(), interface, properties, invalidated);
        return true;
    }
    return false;
}

}  // namespace rs::bluez
