#include "emulator/mpu6050_model.hpp"

#include <simavr/avr_twi.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <algorithm>
#include <cmath>

#include "emulator/avr_machine.hpp"

namespace rs::emulator {
namespace {

constexpr std::uint8_t kRegGyroConfig = 0x1B;
constexpr std::uint8_t kRegGyroXHigh = 0x43;
constexpr std::uint8_t kRegPowerManagement = 0x6B;
constexpr std::uint8_t kRegWhoAmI = 0x75;
constexpr std::uint8_t kSleepBit = 0x40;

// simavr takes the names as a non-const array.
const char* kIrqNames[] = {"8<mpu6050.in", "32>mpu6050.out"};

}  // namespace

Mpu6050Model::Mpu6050Model(AvrMachine& machine, std::function<double(double)> rate_dps,
                           std::uint32_t seed)
    : machine_(machine), rate_dps_(std::move(rate_dps)), rng_(seed) {
    registers_[kRegPowerManagement] = kSleepBit;  // the reset value: asleep
    registers_[kRegWhoAmI] = kAddress;
    avr_t* avr = machine_.avr();
    irq_ = avr_alloc_irq(&avr->irq_pool, 0, 2, kIrqNames);
    avr_irq_register_notify(irq_ + TWI_IRQ_OUTPUT, &Mpu6050Model::on_bus, this);
    // Our input is the master's input and the master's output is ours: we are on its bus.
    avr_connect_irq(irq_ + TWI_IRQ_INPUT,
                    avr_io_getirq(avr, AVR_IOCTL_TWI_GETIRQ(0), TWI_IRQ_INPUT));
    avr_connect_irq(avr_io_getirq(avr, AVR_IOCTL_TWI_GETIRQ(0), TWI_IRQ_OUTPUT),
                    irq_ + TWI_IRQ_OUTPUT);
}

void Mpu6050Model::on_bus(avr_irq_t*, std::uint32_t value, void* self) {
    static_cast<Mpu6050Model*>(self)->handle(value);
}

void Mpu6050Model::answer(std::uint8_t condition, std::uint8_t data) {
    avr_raise_irq(irq_ + TWI_IRQ_INPUT, avr_twi_irq_msg(condition, selected_address_, data));
}

void Mpu6050Model::handle(std::uint32_t value) {
    avr_twi_msg_irq_t message;
    message.u.v = value;
    const std::uint8_t condition = static_cast<std::uint8_t>(message.u.twi.msg);
    if (condition & TWI_COND_STOP)
        selected_ = false;
    if (condition & TWI_COND_START) {
        // The address byte carries the direction in its lowest bit.
        selected_ = (message.u.twi.addr >> 1) == kAddress;
        expecting_register_ = selected_ && (message.u.twi.addr & 1) == 0;
        if (selected_) {
            selected_address_ = static_cast<std::uint8_t>(message.u.twi.addr);
            answer(TWI_COND_ACK, 1);
        }
    }
    if (!selected_)
        return;
    if (condition & TWI_COND_WRITE) {
        answer(TWI_COND_ACK, 1);
        const auto data = static_cast<std::uint8_t>(message.u.twi.data);
        if (expecting_register_) {
            pointer_ = data;
            expecting_register_ = false;
        } else {
            write_register(pointer_++, data);
        }
    }
    if (condition & TWI_COND_READ)
        answer(TWI_COND_READ, read_register(pointer_++));
}

void Mpu6050Model::write_register(std::uint8_t reg, std::uint8_t value) {
    if (reg >= registers_.size() || reg == kRegWhoAmI)
        return;
    registers_[reg] = value;
}

void Mpu6050Model::latch_gyro() {
    ++reads_;
    if (registers_[kRegPowerManagement] & kSleepBit) {
        latched_ = {0, 0, 0};  // asleep: the data registers hold zeros
        return;
    }
    // FS_SEL 0..3: ±250, 500, 1000, 2000 °/s, 131 / 2^FS_SEL counts per °/s.
    const int full_scale = (registers_[kRegGyroConfig] >> 3) & 3;
    const double counts_per_dps = 131.0 / (1 << full_scale);
    std::normal_distribution<double> noise(0.0, kNoiseDps);
    const double dps = rate_dps_(machine_.seconds()) + kBiasDps + noise(rng_);
    const double counts = std::clamp(std::round(dps * counts_per_dps), -32768.0, 32767.0);
    latched_ = {static_cast<std::int16_t>(counts), 0, 0};
}

std::uint8_t Mpu6050Model::read_register(std::uint8_t reg) {
    // A burst from GYRO_XOUT_H reads one consistent sample, as the part's shadow registers do.
    if (reg == kRegGyroXHigh)
        latch_gyro();
    if (reg >= kRegGyroXHigh && reg < kRegGyroXHigh + 6) {
        const auto word = static_cast<std::uint16_t>(latched_[(reg - kRegGyroXHigh) / 2]);
        return static_cast<std::uint8_t>(((reg - kRegGyroXHigh) % 2 == 0) ? word >> 8 : word);
    }
    return reg < registers_.size() ? registers_[reg] : 0;
}

}  // namespace rs::emulator
