#include "avr/hx711.hpp"

#include <avr/io.h>
#include <util/atomic.h>
#include <util/delay.h>

#include "avr/board.hpp"

namespace hx711 {

void start() {
    DDRD |= _BV(board::kHx711Clock);
    PORTD &= static_cast<uint8_t>(~_BV(board::kHx711Clock));  // SCK high for 60 µs powers it down
    DDRD &= static_cast<uint8_t>(~_BV(board::kHx711Data));
    // The pull-up keeps DT high when no HX711 is wired, so a missing board never looks ready.
    PORTD |= _BV(board::kHx711Data);
}

bool ready() {
    return (PIND & _BV(board::kHx711Data)) == 0;
}

int32_t read() {
    uint32_t value = 0;
    // An interrupt inside a pulse could hold SCK high past 60 µs and power the HX711 down:
    // the whole read (~60 µs) runs with interrupts off; the UART's double buffer covers it.
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        for (uint8_t i = 0; i < 25; ++i) {
            PORTD |= _BV(board::kHx711Clock);
            _delay_us(1);
            PORTD &= static_cast<uint8_t>(~_BV(board::kHx711Clock));
            _delay_us(1);
            if (i < 24)
                value = value << 1 | ((PIND & _BV(board::kHx711Data)) ? 1u : 0u);
        }
    }
    // Sign-extend the 24-bit two's complement value.
    if (value & 0x800000u)
        value |= 0xFF000000u;
    return static_cast<int32_t>(value);
}

}  // namespace hx711
