// The kiosk without sensors on a small library of three routines, for the kiosk state machine
// tests: driven by hand as the sensor tests drive theirs.
#pragma once

#include <memory>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "unit/sensor_station.hpp"
#include "unit/support.hpp"

namespace rs::test::kiosk_station {

using namespace rs::core;

// "short-one": get ready 5 s, then one 20 s segment: completes 25 s after the start.
// "long-one": six 60 s segments with gaps: several minutes.
inline std::shared_ptr<const Library> test_library() {
    return std::make_shared<const Library>(std::vector<RoutinePtr>{
        make_routine_ptr("short-one", "Short one", Purpose::recovery, Level::beginner,
                         {make_step(Area::thoracic_spine, Side::both, 20)}),
        make_routine_ptr("long-one", "Long one", Purpose::warm_up, Level::beginner,
                         {make_step(Area::calves, Side::left_then_right, 60),
                          make_step(Area::quadriceps, Side::left_then_right, 60),
                          make_step(Area::glutes, Side::left_then_right, 60)}),
        make_routine_ptr("ball-work", "Ball work", Purpose::targeted, Level::advanced,
                         {make_step(Area::glutes, Side::left_then_right, 45)}),
    });
}

// The kiosk without sensors, on the library above, driven as the sensor tests drive theirs.
struct Kiosk : sensors::Station {
    Kiosk() : Station(std::vector<SensorSpec>{}) { state.library = test_library(); }
};

}  // namespace rs::test::kiosk_station
