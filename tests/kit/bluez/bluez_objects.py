"""BlueZ 5.66's objects as the fake BlueZ exposes them: Properties on every object, a device's
Device1 with its GATT services and characteristics, and the notification trace it plays. Used by
fake_bluez.py; the owner it is given sends the ObjectManager signals and logs."""
import random
import time

import dbus
import dbus.lowlevel
import dbus.service
from gi.repository import GLib

OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager"
PROPERTIES = "org.freedesktop.DBus.Properties"
ADAPTER = "org.bluez.Adapter1"
DEVICE = "org.bluez.Device1"
SERVICE = "org.bluez.GattService1"
CHARACTERISTIC = "org.bluez.GattCharacteristic1"
ADAPTER_PATH = "/org/bluez/hci0"

FAMILIES = {
    "witmotion": ("0000ffe5-0000-1000-8000-00805f9b34fb", "0000ffe4-0000-1000-8000-00805f9b34fb",
                  "0000ffe9-0000-1000-8000-00805f9b34fb"),
    "progressor": ("7e4e1701-1ea6-40c9-9dcc-13d34ffead57", "7e4e1702-1ea6-40c9-9dcc-13d34ffead57",
                   "7e4e1703-1ea6-40c9-9dcc-13d34ffead57"),
    "nus": ("6e400001-b5a3-f393-e0a9-e50e24dcca9e", "6e400003-b5a3-f393-e0a9-e50e24dcca9e",
            "6e400002-b5a3-f393-e0a9-e50e24dcca9e"),
    "other": ("0000180d-0000-1000-8000-00805f9b34fb", "00002a37-0000-1000-8000-00805f9b34fb",
              None),
}
BATTERY_SERVICE = "0000180f-0000-1000-8000-00805f9b34fb"
BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb"


class Failed(dbus.DBusException):
    _dbus_error_name = "org.bluez.Error.Failed"


class NotReady(dbus.DBusException):
    _dbus_error_name = "org.bluez.Error.NotReady"


class InvalidArguments(dbus.DBusException):
    _dbus_error_name = "org.freedesktop.DBus.Error.InvalidArgs"


class BluezObject(dbus.service.Object):
    """An object with one BlueZ interface and the standard Properties interface."""

    def __init__(self, bus, path, interface, props):
        super().__init__(bus, path)
        self.path = path
        self.interface = interface
        self.props = props

    def set(self, **changes):
        self.props.update(changes)
        self.PropertiesChanged(self.interface, changes, [])

    @dbus.service.method(PROPERTIES, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        if interface != self.interface or name not in self.props:
            raise InvalidArguments(f"no property {name}")
        return self.props[name]

    @dbus.service.method(PROPERTIES, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return self.props if interface == self.interface else {}

    @dbus.service.method(PROPERTIES, in_signature="ssv")
    def Set(self, interface, name, value):
        if interface == ADAPTER and name == "Powered":
            self.owner.power(bool(value))
            return
        raise InvalidArguments(f"{name} is read-only here")

    @dbus.service.signal(PROPERTIES, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass


class Characteristic(BluezObject):
    def __init__(self, bus, path, service_path, uuid, flags, device):
        super().__init__(bus, path, CHARACTERISTIC, {
            "UUID": dbus.String(uuid), "Service": dbus.ObjectPath(service_path),
            "Value": dbus.Array([], signature="y"), "Notifying": dbus.Boolean(False),
            "Flags": dbus.Array(flags, signature="s"), "MTU": dbus.UInt16(247)})
        self.device = device

    @dbus.service.method(CHARACTERISTIC, in_signature="a{sv}", out_signature="ay")
    def ReadValue(self, options):
        return self.props["Value"]

    @dbus.service.method(CHARACTERISTIC, in_signature="aya{sv}")
    def WriteValue(self, value, options):
        self.device.commands.append(bytes(value))
        self.device.owner.log(f"write {self.device.address} {bytes(value).hex()}")

    @dbus.service.method(CHARACTERISTIC)
    def StartNotify(self):
        if not self.device.props["Connected"]:
            raise NotReady("Resource Not Ready")
        if not self.props["Notifying"]:
            self.set(Notifying=dbus.Boolean(True))
            if self is self.device.notify_char:
                self.device.start_trace()

    @dbus.service.method(CHARACTERISTIC)
    def StopNotify(self):
        self.set(Notifying=dbus.Boolean(False))

    def notify(self, data):
        self.props["Value"] = dbus.Array(data, signature="y")
        self.PropertiesChanged(CHARACTERISTIC, {"Value": self.props["Value"]}, [])


class Device(BluezObject):
    def __init__(self, owner, spec):
        self.owner = owner
        self.address = spec["address"].upper()
        self.kind = spec.get("kind", "witmotion")
        path = f"{ADAPTER_PATH}/dev_{self.address.replace(':', '_')}"
        service_uuid = FAMILIES[self.kind][0]
        uuids = [service_uuid] + ([BATTERY_SERVICE] if "battery" in spec else [])
        super().__init__(owner.bus, path, DEVICE, {
            "Address": dbus.String(self.address), "AddressType": dbus.String("random"),
            "Name": dbus.String(spec.get("name", "")), "Alias": dbus.String(spec.get("name", "")),
            "Adapter": dbus.ObjectPath(ADAPTER_PATH), "Paired": dbus.Boolean(False),
            "Trusted": dbus.Boolean(False), "Blocked": dbus.Boolean(False),
            "LegacyPairing": dbus.Boolean(False), "RSSI": dbus.Int16(spec.get("rssi", -60)),
            "Connected": dbus.Boolean(False), "UUIDs": dbus.Array(uuids, signature="s"),
            "ServicesResolved": dbus.Boolean(False)})
        self.remove_from_connection()  # exported only while BlueZ would have it
        self.spec = spec
        self.in_range = True
        self.exported = False
        self.gatt = []
        self.notify_char = None
        self.commands = []
        self.trace = load_trace(spec["trace"]) if spec.get("trace") else []
        self.timer = None

    def export(self):
        if not self.exported:
            self.add_to_connection(self.owner.bus, self.path)
            self.exported = True
            self.owner.InterfacesAdded(self.path, {DEVICE: self.props})

    def unexport(self):
        if self.exported:
            self.disconnect_now()
            self.remove_from_connection()
            self.exported = False
            self.owner.InterfacesRemoved(self.path, [DEVICE, PROPERTIES])

    @dbus.service.method(DEVICE, async_callbacks=("ok", "err"))
    def Connect(self, ok, err):
        if not self.owner.adapter.props["Powered"]:
            err(NotReady("Resource Not Ready"))
        elif self.props["Connected"]:
            ok()
        elif not self.in_range:
            GLib.timeout_add(300, lambda: err(Failed("le-connection-abort-by-local")) and False)
        else:
            GLib.timeout_add(50, self.connected, ok)

    def connected(self, ok):
        self.set(Connected=dbus.Boolean(True))
        self.resolve()
        ok()
        return False

    def resolve(self):
        service_uuid, notify_uuid, write_uuid = FAMILIES[self.kind]
        handle = 0x000a
        services = [(service_uuid, [(notify_uuid, ["notify"])] +
                     ([(write_uuid, ["write-without-response", "write"])] if write_uuid else []))]
        if "battery" in self.spec:
            services.append((BATTERY_SERVICE, [(BATTERY_LEVEL, ["read", "notify"])]))
        for uuid, chars in services:
            spath = f"{self.path}/service{handle:04x}"
            service = BluezObject(self.owner.bus, spath, SERVICE, {
                "UUID": dbus.String(uuid), "Device": dbus.ObjectPath(self.path),
                "Primary": dbus.Boolean(True), "Includes": dbus.Array([], signature="o")})
            self.gatt.append(service)
            self.owner.InterfacesAdded(spath, {SERVICE: service.props})
            for cuuid, flags in chars:
                handle += 2
                char = Characteristic(self.owner.bus, f"{spath}/char{handle:04x}", spath, cuuid,
                                      flags, self)
                if cuuid == notify_uuid:
                    self.notify_char = char
                if cuuid == BATTERY_LEVEL:
                    char.props["Value"] = dbus.Array([self.spec["battery"]], signature="y")
                self.gatt.append(char)
                self.owner.InterfacesAdded(char.path, {CHARACTERISTIC: char.props})
            handle += 4
        self.set(ServicesResolved=dbus.Boolean(True))

    @dbus.service.method(DEVICE)
    def Disconnect(self):
        self.disconnect_now()

    def disconnect_now(self):
        if self.timer:
            GLib.source_remove(self.timer)
            self.timer = None
        if not self.props["Connected"]:
            return
        self.set(ServicesResolved=dbus.Boolean(False))
        for obj in reversed(self.gatt):
            self.owner.InterfacesRemoved(obj.path, [obj.interface])
            obj.remove_from_connection()
        self.gatt = []
        self.notify_char = None
        self.set(Connected=dbus.Boolean(False))

    def start_trace(self):
        if not self.trace:
            return
        self.started = time.monotonic()
        self.next = 0
        self.schedule()

    def schedule(self):
        period = self.trace[-1][0] + 10
        laps, index = divmod(self.next, len(self.trace))
        if laps and not self.spec.get("loop"):
            self.timer = None
            return
        due = self.started + (laps * period + self.trace[index][0]) / 1000.0
        delay = max(0, int((due - time.monotonic()) * 1000))
        self.timer = GLib.timeout_add(delay, self.play)

    def play(self):
        now = time.monotonic()
        while self.notify_char is not None:
            laps, index = divmod(self.next, len(self.trace))
            if laps and not self.spec.get("loop"):
                break
            period = self.trace[-1][0] + 10
            if self.started + (laps * period + self.trace[index][0]) / 1000.0 > now + 0.0005:
                break
            self.notify_char.notify(self.trace[index][1])
            self.owner.emitted(self.next)
            self.next += 1
        self.schedule()
        return False

    def hostile(self):
        if self.notify_char is None:
            return
        rng = random.Random(7)
        bursts = [b"", b"\x55", b"\x55\x61\x00", b"\x01\x10\x00", bytes(600)]
        bursts += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
                   for _ in range(50)]
        for data in bursts:
            self.notify_char.notify(data)
        # A Value that is a string, and a PropertiesChanged whose arguments are all wrong.
        self.notify_char.PropertiesChanged(CHARACTERISTIC, {"Value": dbus.String("hostile")}, [])
        message = dbus.lowlevel.SignalMessage(self.notify_char.path, PROPERTIES,
                                              "PropertiesChanged")
        message.append(dbus.Int32(42), dbus.String("not a dict"))
        self.owner.bus.send_message(message)
        self.owner.log(f"hostile {self.address} {len(bursts) + 2}")



def load_trace(path):
    trace = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                at, data = line.split()
                trace.append((int(at), bytes.fromhex(data)))
    return trace
