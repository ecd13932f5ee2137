#include "avr/uart.hpp"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

namespace {

// Powers of two so the indices wrap with a mask. 256 bytes hold a tick's worst burst (hello,
// status, sample and a command's answer) several times over.
constexpr uint16_t kTxSize = 256;
constexpr uint8_t kRxSize = 32;

volatile uint8_t g_tx[kTxSize];
volatile uint8_t g_tx_head = 0;  // written by send()
volatile uint8_t g_tx_tail = 0;  // advanced by the interrupt
volatile uint8_t g_rx[kRxSize];
volatile uint8_t g_rx_head = 0;
volatile uint8_t g_rx_tail = 0;

}  // namespace

ISR(USART_UDRE_vect) {
    if (g_tx_head == g_tx_tail) {
        UCSR0B &= static_cast<uint8_t>(~_BV(UDRIE0));  // drained
        return;
    }
    UDR0 = g_tx[g_tx_tail];
    g_tx_tail = static_cast<uint8_t>(g_tx_tail + 1);
}

ISR(USART_RX_vect) {
    const uint8_t byte = UDR0;
    const uint8_t next = static_cast<uint8_t>((g_rx_head + 1) & (kRxSize - 1));
    if (next != g_rx_tail) {  // full: drop, as a command line longer than this is bad anyway
        g_rx[g_rx_head] = byte;
        g_rx_head = next;
    }
}

namespace uart {

void start() {
    // U2X with UBRR 16: 117647 baud, 2.1 % off 115200, as every Arduino at 16 MHz does it.
    UCSR0A = _BV(U2X0);
    UBRR0H = 0;
    UBRR0L = 16;
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);  // 8N1
    UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

bool send(const char* bytes, uint8_t length) {
    const uint8_t used = static_cast<uint8_t>(g_tx_head - g_tx_tail);  // tail moves only up
    if (static_cast<uint16_t>(used) + length > kTxSize - 1)
        return false;
    uint8_t head = g_tx_head;
    for (uint8_t i = 0; i < length; ++i)
        g_tx[head++] = static_cast<uint8_t>(bytes[i]);
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
        g_tx_head = head;
        UCSR0B |= _BV(UDRIE0);
    }
    return true;
}

bool has_input() {
    return g_rx_head != g_rx_tail;
}

bool receive(char& c) {
    if (g_rx_head == g_rx_tail)
        return false;
    c = static_cast<char>(g_rx[g_rx_tail]);
    g_rx_tail = static_cast<uint8_t>((g_rx_tail + 1) & (kRxSize - 1));
    return true;
}

}  // namespace uart
