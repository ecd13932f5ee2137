// The reference roller firmware for an Arduino Nano / Uno (ATmega328P at 16 MHz): finds the
// parts, then every 10 ms of the device clock reads them and hands the readings to the portable
// core (firmware/core), which decides every line sent. Between ticks the CPU sleeps.
#include <avr/eeprom.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>

#include "avr/board.hpp"
#include "avr/clock.hpp"
#include "avr/hx711.hpp"
#include "avr/mpu6050.hpp"
#include "avr/twi.hpp"
#include "avr/uart.hpp"
#include "core/roller.hpp"

#ifndef ROLLSTATION_DEVICE_ID
#define ROLLSTATION_DEVICE_ID "roller-nano"
#endif
#ifndef ROLLSTATION_FIRMWARE_VERSION
#define ROLLSTATION_FIRMWARE_VERSION "fw-1.0.0"
#endif
#ifndef ROLLSTATION_CIRCUMFERENCE_MM
#define ROLLSTATION_CIRCUMFERENCE_MM 471  // a 15 cm foam roller
#endif

// No pure virtual call can happen (the sink is concrete), but the C++ ABI wants the symbol.
extern "C" void __cxa_pure_virtual() {
    for (;;) {
    }
}

namespace {

constexpr uint8_t kTickMs = 10;
// EEPROM address 0 holds the calibration record.
uint8_t* const kCalibrationAddress = nullptr;

class UartSink final : public rsfw::LineSink {
  public:
    void send(const char* line, uint8_t length) override { uart::send(line, length); }
};

// An HX711 needs up to 400 ms for its first conversion at 10 samples/s (50 ms at 80).
bool wait_for_load_cell() {
    const uint32_t since = device_clock::now_ms();
    while (device_clock::now_ms() - since < 500) {
        if (hx711::ready())
            return true;
    }
    return false;
}

// Sleeps until an interrupt (the 1 ms clock, the UART) and returns. An interrupt just before the
// sleep only means waking at the next 1 ms tick of the clock: a sample is never later than that,
// and it carries its scheduled time anyway.
void idle() {
    cli();
    set_sleep_mode(SLEEP_MODE_IDLE);
    sleep_enable();
    sei();
    sleep_cpu();
    sleep_disable();
}

}  // namespace

int main() {
    DDRB |= _BV(board::kBusyPin);
    device_clock::start();
    uart::start();
    twi::start();
    hx711::start();
    sei();

    rsfw::PartsFound parts;
    parts.gyro = mpu6050::start();
    parts.load_cell = wait_for_load_cell();
    uint8_t stored[rsfw::kCalibrationRecordBytes];
    eeprom_read_block(stored, kCalibrationAddress, sizeof stored);
    const rsfw::Identity identity{ROLLSTATION_DEVICE_ID, ROLLSTATION_FIRMWARE_VERSION,
                                  ROLLSTATION_CIRCUMFERENCE_MM};
    rsfw::Roller roller(identity, parts, stored);
    UartSink out;

    // Ticks are due at fixed multiples of 10 ms, not 10 ms after the last one finished: late
    // work never stretches the sample period, and each sample carries its scheduled time.
    uint32_t next_tick = device_clock::now_ms() + kTickMs;
    for (;;) {
        char c;
        while (uart::receive(c))
            roller.serial_byte(c, out);
        uint8_t record[rsfw::kCalibrationRecordBytes];
        if (roller.take_calibration_to_store(record))
            eeprom_update_block(record, kCalibrationAddress, sizeof record);  // only changed bytes

        const uint32_t now = device_clock::now_ms();
        if (static_cast<int32_t>(now - next_tick) < 0) {
            idle();
            continue;
        }
        PORTB |= _BV(board::kBusyPin);
        rsfw::TickReadings readings;
        if (parts.gyro)
            readings.gyro_ok = mpu6050::read_rate(readings.gyro_rate);
        if (parts.load_cell && hx711::ready()) {
            readings.load_fresh = true;
            readings.load_raw = hx711::read();
        }
        roller.tick(next_tick, readings, out);
        next_tick += kTickMs;
        if (static_cast<int32_t>(device_clock::now_ms() - next_tick) >= 0)
            roller.note_overrun();
        PORTB &= static_cast<uint8_t>(~_BV(board::kBusyPin));
    }
}
