// The kit's private system bus and fake BlueZ (kit/bluez.hpp) as the Bluetooth tests use them:
// a command the fake does not carry out fails the test.
#pragma once

#include "integration/support.hpp"
#include "kit/bluez.hpp"

namespace rs::itest {

using kit::ble_trace;
using kit::FakeDevice;
using kit::PrivateBus;

class FakeBluez : public kit::FakeBluez {
  public:
    using kit::FakeBluez::FakeBluez;
    void command(const std::string& line) {
        const std::size_t before = output().size();
        const bool done = kit::FakeBluez::command(line);
        INFO("the fake BlueZ on '" << line << "': " << output().substr(before));
        REQUIRE(done);
    }
};

}  // namespace rs::itest
