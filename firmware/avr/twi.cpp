#include "avr/twi.hpp"

#include <avr/io.h>
#include <util/twi.h>

namespace {

// One byte at 400 kHz is ~23 µs (~360 cycles); this many polls is well over that.
constexpr uint16_t kPolls = 2000;

bool refused(uint8_t status) {
    return status == TW_MT_SLA_NACK || status == TW_MT_DATA_NACK || status == TW_MR_SLA_NACK ||
           status == TW_MT_ARB_LOST || status == TW_BUS_ERROR;
}

// Waits for the step to end in `good` or `also_good`. A refusal ends the wait at once. Any
// other state is the previous step's, still showing: simavr 1.6 (the emulator CI runs the .hex
// in) leaves TWINT set until a slow step finishes, so TWINT alone does not say "done" there.
// Both "acknowledged" states are accepted after an address or data byte: the datasheet gives
// 0x18 after the address, simavr 1.6 reports 0x28; a device that is not there gives neither.
bool wait_for(uint8_t good, uint8_t also_good) {
    for (uint16_t i = 0; i < kPolls; ++i) {
        if (!(TWCR & _BV(TWINT)))
            continue;
        const uint8_t status = TW_STATUS;
        if (status == good || status == also_good)
            return true;
        if (refused(status))
            return false;
    }
    return false;
}

bool send_start() {
    TWCR = _BV(TWINT) | _BV(TWSTA) | _BV(TWEN);
    return wait_for(TW_START, TW_REP_START);
}

void send_stop() {
    TWCR = _BV(TWINT) | _BV(TWSTO) | _BV(TWEN);
}

// The address or a data byte in transmit mode; true if the device acknowledged it.
bool send_byte(uint8_t byte) {
    TWDR = byte;
    TWCR = _BV(TWINT) | _BV(TWEN);
    return wait_for(TW_MT_SLA_ACK, TW_MT_DATA_ACK);
}

bool send_read_address(uint8_t address) {
    TWDR = static_cast<uint8_t>(address << 1 | 1);
    TWCR = _BV(TWINT) | _BV(TWEN);
    return wait_for(TW_MR_SLA_ACK, TW_MR_SLA_ACK);
}

// A failed transfer always ends with a STOP so the bus is free for the next try.
bool fail() {
    send_stop();
    return false;
}

}  // namespace

namespace twi {

void start() {
    TWSR = 0;   // prescaler 1
    TWBR = 12;  // 16 MHz / (16 + 2 × 12) = 400 kHz
    TWCR = _BV(TWEN);
}

bool write_register(uint8_t address, uint8_t reg, uint8_t value) {
    if (!send_start() || !send_byte(static_cast<uint8_t>(address << 1)) || !send_byte(reg) ||
        !send_byte(value))
        return fail();
    send_stop();
    return true;
}

bool read_registers(uint8_t address, uint8_t reg, uint8_t* out, uint8_t count) {
    if (!send_start() || !send_byte(static_cast<uint8_t>(address << 1)) || !send_byte(reg) ||
        !send_start() || !send_read_address(address))
        return fail();
    for (uint8_t i = 0; i < count; ++i) {
        const bool last = i + 1 == count;
        // ACK every byte but the last, which tells the device the read is over.
        TWCR = static_cast<uint8_t>(_BV(TWINT) | _BV(TWEN) | (last ? 0 : _BV(TWEA)));
        const uint8_t done = last ? TW_MR_DATA_NACK : TW_MR_DATA_ACK;
        if (!wait_for(done, done))
            return fail();
        out[i] = TWDR;
    }
    send_stop();
    return true;
}

}  // namespace twi
