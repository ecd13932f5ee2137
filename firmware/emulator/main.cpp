// rollstation-avr-sim: the roller firmware's very .hex on an emulated ATmega328P (simavr), with
// an MPU-6050 and an HX711 playing one of the simulator's motion profiles, and its UART on a
// pseudo-terminal the kiosk reads like a real roller (docs/build-a-roller.md).
#include <simavr/avr_ioport.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <thread>

#include "emulator/avr_machine.hpp"
#include "emulator/hx711_model.hpp"
#include "emulator/mpu6050_model.hpp"
#include "emulator/options.hpp"
#include "emulator/timing_report.hpp"
#include "sensors/simulator.hpp"
#include "tools/pty.hpp"

namespace {

using namespace rs::emulator;

volatile std::sig_atomic_t g_stop = 0;

// The roller lies still and unloaded this long after each start, as it does when a station is
// switched on: the firmware looks for its parts, calibrates the gyro and tares the pad
// meanwhile (about 1 s; up to 0.5 s more when it waits for a missing HX711).
constexpr double kSettleS = 2.0;
// One byte at 115200 baud is 87 µs; feeding input no faster keeps the UART's receiver happy.
constexpr std::uint64_t kCyclesPerInputByte = 1400;

struct Bridge {
    AvrMachine* machine = nullptr;
    rs::tools::PseudoTerminal* pty = nullptr;
    std::ofstream* transcript = nullptr;
    SerialMonitor monitor;
    BusyMeter busy;
};

void on_uart_byte(avr_irq_t*, std::uint32_t value, void* param) {
    auto* bridge = static_cast<Bridge*>(param);
    const char c = static_cast<char>(value);
    bridge->monitor.byte(c, bridge->machine->cycles());
    if (bridge->pty)
        bridge->pty->write(std::string_view(&c, 1));
    if (bridge->transcript)
        bridge->transcript->put(c);
}

void on_busy_pin(avr_irq_t*, std::uint32_t value, void* param) {
    auto* bridge = static_cast<Bridge*>(param);
    bridge->busy.level(value != 0, bridge->machine->cycles());
}

std::vector<std::uint8_t> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    std::string error;
    const auto options = parse_options(argc, argv, error);
    if (!options) {
        std::cerr << "rollstation-avr-sim: " << error << "\n\n" << usage();
        return 2;
    }
    std::signal(SIGINT, [](int) { g_stop = 1; });
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    std::signal(SIGPIPE, SIG_IGN);

    // The motion and force come from the simulator's profiles, so the emulated roller and
    // rollstation-sim agree on what a profile's right answer is.
    rs::sensors::SimSettings sim_settings;
    const bool has_gyro = options->profile != "no-gyro";
    const bool has_load_cell = options->profile != "no-loadcell";
    sim_settings.profile =
        rs::core::parse_profile(options->profile).value_or(rs::core::SimProfile::steady);
    const rs::sensors::Simulator motion(sim_settings);
    double started_s = 0;  // emulated time of the last reset
    const auto profile_time = [&](double t) { return t - started_s - kSettleS; };
    const auto rate_dps = [&](double t) {
        const double p = profile_time(t);
        if (p <= 0)
            return 0.0;
        return motion.turn_rate_rev_s(p) * 360.0;
    };
    const auto force_n = [&](double t) {
        const double p = profile_time(t);
        return p <= 0 ? 0.0 : motion.force_n(p);
    };

    std::unique_ptr<AvrMachine> machine;
    std::unique_ptr<rs::tools::PseudoTerminal> pty;
    std::ofstream transcript;
    try {
        machine = std::make_unique<AvrMachine>(options->hex);
        if (options->pty)
            pty = std::make_unique<rs::tools::PseudoTerminal>(options->link);
    } catch (const std::exception& e) {
        std::cerr << "rollstation-avr-sim: " << e.what() << "\n";
        return 1;
    }
    if (options->transcript) {
        transcript.open(*options->transcript, std::ios::binary | std::ios::trunc);
        if (!transcript) {
            std::cerr << "rollstation-avr-sim: cannot write " << *options->transcript << "\n";
            return 1;
        }
    }
    std::vector<std::uint8_t> eeprom_at_start = machine->eeprom();
    if (options->eeprom && std::filesystem::exists(*options->eeprom)) {
        machine->set_eeprom(read_file(*options->eeprom));
        eeprom_at_start = machine->eeprom();
    }

    Bridge bridge;
    bridge.machine = machine.get();
    bridge.pty = pty.get();
    bridge.transcript = options->transcript ? &transcript : nullptr;
    avr_t* avr = machine->avr();
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT),
                            on_uart_byte, &bridge);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('B'), 5), on_busy_pin,
                            &bridge);
    avr_irq_t* uart_input = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    std::unique_ptr<Mpu6050Model> gyro;
    std::unique_ptr<Hx711Model> load_cell;
    if (has_gyro)
        gyro = std::make_unique<Mpu6050Model>(*machine, rate_dps, options->seed);
    // Without an HX711 nothing drives DT: the firmware's pull-up (which simavr models) holds
    // it high, so no conversion ever looks ready.
    if (has_load_cell)
        load_cell =
            std::make_unique<Hx711Model>(*machine, force_n, options->scale, options->seed + 1);

    if (pty) {
        std::printf("pty: %s\n", pty->device().c_str());
        if (options->link)
            std::printf("link: %s\n", options->link->c_str());
        std::fflush(stdout);
    }

    std::vector<double> resets = options->resets_s;
    std::sort(resets.begin(), resets.end(), std::greater<>());  // next one at the back
    std::vector<TimedInput> inputs = options->inputs;
    std::sort(inputs.begin(), inputs.end(),
              [](const TimedInput& a, const TimedInput& b) { return a.at_s > b.at_s; });
    std::deque<char> typing;
    std::uint64_t next_input_cycle = 0;
    const auto wall_start = std::chrono::steady_clock::now();
    bool crashed = false;
    while (!g_stop) {
        if (!machine->run(4000)) {
            crashed = true;
            break;
        }
        const double now = machine->seconds();
        if (options->seconds && now >= *options->seconds)
            break;
        if (!resets.empty() && now >= resets.back()) {
            resets.pop_back();
            machine->reset();
            started_s = now;
            bridge.monitor.restart();
            if (load_cell)
                load_cell->after_reset();
        }
        while (!inputs.empty() && now >= inputs.back().at_s) {
            const std::string line = inputs.back().text + "\n";
            typing.insert(typing.end(), line.begin(), line.end());
            inputs.pop_back();
        }
        if (pty) {
            const std::string typed = pty->read_available();
            typing.insert(typing.end(), typed.begin(), typed.end());
        }
        if (!typing.empty() && machine->cycles() >= next_input_cycle) {
            avr_raise_irq(uart_input, static_cast<std::uint8_t>(typing.front()));
            typing.pop_front();
            next_input_cycle = machine->cycles() + kCyclesPerInputByte;
        }
        if (options->speed > 0) {
            // Emulated time must not run ahead of the wall clock (times the speed).
            const auto due =
                wall_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(now / options->speed));
            if (due > std::chrono::steady_clock::now() + std::chrono::milliseconds(2))
                std::this_thread::sleep_until(due);
        }
    }

    print_report(std::cout, bridge.monitor, bridge.busy, machine->seconds());
    const std::vector<std::uint8_t> eeprom = machine->eeprom();
    long changed = 0;
    for (std::size_t i = 0; i < eeprom.size(); ++i)
        changed += eeprom[i] != eeprom_at_start[i] ? 1 : 0;
    std::cout << "  eeprom: " << changed << " bytes written\n";
    if (options->eeprom) {
        std::ofstream out(*options->eeprom, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(eeprom.data()), static_cast<long>(eeprom.size()));
    }
    if (crashed) {
        std::cerr << "rollstation-avr-sim: the firmware crashed at " << machine->seconds()
                  << " s\n";
        return 1;
    }
    return 0;
}
