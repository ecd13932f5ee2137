#include "avr/clock.hpp"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

namespace {
volatile uint32_t g_ms = 0;
}

ISR(TIMER1_COMPA_vect) {
    g_ms = g_ms + 1;
}

namespace device_clock {

void start() {
    TCCR1A = 0;
    TCCR1B = _BV(WGM12) | _BV(CS11) | _BV(CS10);  // CTC, clock / 64 = 250 kHz
    OCR1A = 249;                                  // 250 counts: 1 ms
    TIMSK1 = _BV(OCIE1A);
}

uint32_t now_ms() {
    uint32_t ms;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        ms = g_ms;
    }
    return ms;
}

}  // namespace device_clock
