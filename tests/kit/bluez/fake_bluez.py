#!/usr/bin/env python3
"""A stand-in for bluetoothd on a private D-Bus bus, for tests and benchmarks.

It owns org.bluez and exposes ObjectManager at /, the adapter /org/bluez/hci0 (Adapter1) and, for
each configured device, Device1, GattService1 and GattCharacteristic1 objects laid out and
behaving as BlueZ 5.66 does: devices appear while discovering, Connect resolves the GATT
database (InterfacesAdded, then ServicesResolved), StartNotify turns the notify characteristic's
Value changes on, and the device's trace plays as PropertiesChanged signals on its Value.

    fake_bluez.py --devices JSON [--control FIFO] [--emit-log FILE]

JSON is a list of {"address", "kind" (witmotion|progressor|nus|other), "name", "rssi", "trace"
(a file of "MILLISECONDS HEX" lines), "loop" (play it again and again), "battery" (a level for
the standard battery service), "known" (an object from the start, as a cached device)}.
Commands, one a line, on the control FIFO:
    remove ADDRESS    the device walks out of range: disconnected, then its object removed
    add ADDRESS       back in range: found again by the next (or current) discovery
    power off|on      the adapter's Powered, with what BlueZ does to connections
    hostile ADDRESS   a burst of bad notifications: wrong lengths, random bytes, a Value of the
                      wrong type and a PropertiesChanged of the wrong signature
    stop              quits
It prints "ready" once the name is owned and "done COMMAND" after each command. With --emit-log it writes "INDEX MONOTONIC_NS" for
every notification sent, for latency measurements.
"""
import argparse
import json
import os
import sys
import time

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

sys.dont_write_bytecode = True  # run from the source tree: leave no __pycache__ in it
from bluez_objects import (ADAPTER, ADAPTER_PATH, DEVICE, OBJECT_MANAGER, BluezObject, Device,
                           NotReady)


class Adapter(BluezObject):
    def __init__(self, owner):
        super().__init__(owner.bus, ADAPTER_PATH, ADAPTER, {
            "Address": dbus.String("00:1A:7D:DA:71:13"), "AddressType": dbus.String("public"),
            "Name": dbus.String("rollstation"), "Alias": dbus.String("rollstation"),
            "Powered": dbus.Boolean(True), "Discovering": dbus.Boolean(False),
            "Discoverable": dbus.Boolean(False), "Pairable": dbus.Boolean(True),
            "UUIDs": dbus.Array([], signature="s")})
        self.owner = owner
        self.clients = set()

    @dbus.service.method(ADAPTER, in_signature="a{sv}")
    def SetDiscoveryFilter(self, properties):
        pass

    @dbus.service.method(ADAPTER, sender_keyword="sender")
    def StartDiscovery(self, sender=None):
        if not self.props["Powered"]:
            raise NotReady("Resource Not Ready")
        self.clients.add(sender)
        if not self.props["Discovering"]:
            self.set(Discovering=dbus.Boolean(True))
        GLib.timeout_add(100, self.owner.find_devices)

    @dbus.service.method(ADAPTER, sender_keyword="sender")
    def StopDiscovery(self, sender=None):
        self.clients.discard(sender)
        if not self.clients and self.props["Discovering"]:
            self.set(Discovering=dbus.Boolean(False))

    @dbus.service.method(ADAPTER, in_signature="o")
    def RemoveDevice(self, path):
        for device in self.owner.devices.values():
            if device.path == path:
                device.unexport()


class FakeBluez(dbus.service.Object):
    def __init__(self, bus, specs, emit_log):
        super().__init__(bus, "/")
        self.bus = bus
        self.adapter = Adapter(self)
        self.adapter.owner = self
        self.devices = {}
        for spec in specs:
            device = Device(self, spec)
            self.devices[device.address] = device
            if spec.get("known"):
                device.export()
        self.emit_log = open(emit_log, "w", buffering=1) if emit_log else None

    def log(self, line):
        print(line, flush=True)

    def emitted(self, index):
        if self.emit_log:
            self.emit_log.write(f"{index} {time.monotonic_ns()}\n")

    def find_devices(self):
        if self.adapter.props["Discovering"]:
            for device in self.devices.values():
                if device.in_range:
                    device.export()
        return False

    def power(self, on):
        if on == bool(self.adapter.props["Powered"]):
            return
        if not on:
            for device in self.devices.values():
                device.disconnect_now()
            self.adapter.clients.clear()
            self.adapter.set(Discovering=dbus.Boolean(False))
        self.adapter.set(Powered=dbus.Boolean(on))

    def command(self, line):
        words = line.split()
        if not words:
            return
        if words[0] == "stop":
            loop.quit()
        elif words[0] == "power" and len(words) == 2:
            self.power(words[1] == "on")
        elif words[0] in ("remove", "add", "hostile") and len(words) == 2:
            device = self.devices.get(words[1].upper())
            if device is None:
                self.log(f"error: no device {words[1]}")
                return
            if words[0] == "remove":
                device.in_range = False
                device.unexport()
            elif words[0] == "add":
                device.in_range = True
                self.find_devices()
            else:
                device.hostile()
        else:
            self.log(f"error: unknown command {line!r}")
            return
        self.log(f"done {line}")

    @dbus.service.method(OBJECT_MANAGER, out_signature="a{oa{sa{sv}}}")
    def GetManagedObjects(self):
        objects = {ADAPTER_PATH: {ADAPTER: self.adapter.props}}
        for device in self.devices.values():
            if device.exported:
                objects[device.path] = {DEVICE: device.props}
                for obj in device.gatt:
                    objects[obj.path] = {obj.interface: obj.props}
        return objects

    @dbus.service.signal(OBJECT_MANAGER, signature="oa{sa{sv}}")
    def InterfacesAdded(self, path, interfaces):
        pass

    @dbus.service.signal(OBJECT_MANAGER, signature="oas")
    def InterfacesRemoved(self, path, interfaces):
        pass


def watch_control(path, fake):
    fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # RDWR: no EOF when a writer closes
    pending = b""

    def readable(_fd, _condition):
        nonlocal pending
        try:
            pending += os.read(fd, 4096)
        except BlockingIOError:
            return True
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            fake.command(line.decode(errors="replace"))
        return True

    GLib.io_add_watch(fd, GLib.IO_IN, readable)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", required=True)
    parser.add_argument("--control")
    parser.add_argument("--emit-log")
    args = parser.parse_args()
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()  # DBUS_SYSTEM_BUS_ADDRESS: the test's private bus
    fake = FakeBluez(bus, json.loads(args.devices), args.emit_log)
    if args.control:
        watch_control(args.control, fake)
    name = dbus.service.BusName("org.bluez", bus, do_not_queue=True)
    print("ready", flush=True)
    loop.run()
    del name


loop = GLib.MainLoop()

if __name__ == "__main__":
    main()
