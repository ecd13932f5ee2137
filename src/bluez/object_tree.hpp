// What BlueZ has, as its ObjectManager reports it: adapters, devices, GATT services and
// characteristics, kept up to date from InterfacesAdded/Removed and PropertiesChanged, with the
// questions a sensor link asks of it. Lives on the bus thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bluez/bus_thread.hpp"

namespace rs::bluez {

inline constexpr const char* kAdapter = "org.bluez.Adapter1";
inline constexpr const char* kDevice = "org.bluez.Device1";
inline constexpr const char* kService = "org.bluez.GattService1";
inline constexpr const char* kCharacteristic = "org.bluez.GattCharacteristic1";
inline constexpr const char* kProperties = "org.freedesktop.DBus.Properties";
inline constexpr const char* kObjectManager = "org.freedesktop.DBus.ObjectManager";

using ManagedObjects = std::map<sdbus::ObjectPath, Interfaces>;

struct Device {
    std::string path;
    std::string adapter_path;
    std::string address;
    std::string name;  // the advertised name, or BlueZ's alias
    std::optional<int> rssi;
    bool connected = false;
    bool services_resolved = false;
    std::vector<std::string> uuids;
};

class ObjectTree {
  public:
    void reset(const ManagedObjects& objects);
    void clear() { objects_.clear(); }
    void added(const std::string& path, const Interfaces& interfaces);
    void removed(const std::string& path, const std::vector<std::string>& interfaces);
    void changed(const std::string& path, const std::string& interface,
                 const std::map<std::string, sdbus::Variant>& properties,
                 const std::vector<std::string>& invalidated);

    bool has_adapter(const std::string& adapter_path) const;
    bool powered(const std::string& adapter_path) const;
    std::vector<Device> devices(const std::string& adapter_path) const;
    std::optional<Device> device(const std::string& path) const;
    // The path of the characteristic with `uuid` under a device, if BlueZ has resolved it.
    std::optional<std::string> characteristic(const std::string& device_path,
                                              std::string_view uuid) const;

    // Applies one BlueZ signal; true when it was one the tree follows.
    bool apply(sdbus::Message& signal);

  private:
    const std::map<std::string, sdbus::Variant>* find(const std::string& path,
                                                      const std::string& interface) const;
    std::map<std::string, Interfaces> objects_;
};

// Reads one property of a type, or nothing when it is absent or of another type.
template <typename T>
std::optional<T> property(const std::map<std::string, sdbus::Variant>& properties,
                          const std::string& name) {
    const auto it = properties.find(name);
    if (it == properties.end() || !it->second.containsValueOfType<T>())
        return std::nullopt;
    return it->second.get<T>();
}

}  // namespace rs::bluez
