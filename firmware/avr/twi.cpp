#include "twi.hpp"

#include <avr/io.h>
#include <util/twi.h>

namespace {

// One byte at 400 kHz is ~23 µs (~360 cycles); this many polls of TWINT is well over that.
constexpr uint16_t kPolls = 2000;

bool wait() {
    for (uint16_t i = 0; i < kPolls; ++i) {
        if (TWCR & _BV(TWINT))
            return true;
    }
    return false;
}

bool send_start() {
    TWCR = _BV(TWINT) | _BV(TWSTA) | _BV(TWEN);
    return wait() && (TW_STATUS == TW_START || TW_STATUS == TW_REP_START);
}

void send_stop() { TWCR = _BV(TWINT) | _BV(TWSTO) | _BV(TWEN); }

bool send_byte(uint8_t byte, uint8_t expected_status) {
    TWDR = byte;
    TWCR = _BV(TWINT) | _BV(TWEN);
    return wait() && TW_STATUS == expected_status;
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
    if (!send_start() || !send_byte(static_cast<uint8_t>(address << 1), TW_MT_SLA_ACK) ||
        !send_byte(reg, TW_MT_DATA_ACK) || !send_byte(value, TW_MT_DATA_ACK))
        return fail();
    send_stop();
    return true;
}

bool read_registers(uint8_t address, uint8_t reg, uint8_t* out, uint8_t count) {
    if (!send_start() || !send_byte(static_cast<uint8_t>(address << 1), TW_MT_SLA_ACK) ||
        !send_byte(reg, TW_MT_DATA_ACK) || !send_start() ||
        !send_byte(static_cast<uint8_t>(address << 1 | 1), TW_MR_SLA_ACK))
        return fail();
    for (uint8_t i = 0; i < count; ++i) {
        const bool last = i + 1 == count;
        // ACK every byte but the last, which tells the device the read is over.
        TWCR = static_cast<uint8_t>(_BV(TWINT) | _BV(TWEN) | (last ? 0 : _BV(TWEA)));
        if (!wait() || TW_STATUS != (last ? TW_MR_DATA_NACK : TW_MR_DATA_ACK))
            return fail();
        out[i] = TWDR;
    }
    send_stop();
    return true;
}

}  // namespace twi
