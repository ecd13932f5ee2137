// The roller's behaviour, one 10 ms tick at a time: start-up calibration, then hello, status and
// sample lines, and the answers to serial commands. The board code only reads the parts and
// moves bytes; everything here runs the same in the host tests and on the ATmega328P.
#pragma once

#include <stdint.h>

#include "core/calibration_record.hpp"
#include "core/command_reader.hpp"
#include "core/load_cell.hpp"
#include "core/rotation.hpp"

namespace rsfw {

// The status line's flags (RSSTA), shown to installers as a number: add the bits.
enum StatusFlag : uint16_t {
    kFlagGyroMissing = 1,      // no MPU-6050 answered at start
    kFlagGyroFailed = 2,       // it answered, then stopped
    kFlagLoadCellMissing = 4,  // no HX711 conversion at start
    kFlagLoadCellFailed = 8,   // conversions stopped coming
    kFlagUncalibrated = 16,    // no calibration in EEPROM: force uses a default factor
    kFlagOverrun = 32,         // a tick's work ran into the next (samples were late)
    kFlagBiasUnsettled = 64,   // the roller never lay still at start: the bias is a guess
};

struct Identity {
    const char* device_id;
    const char* firmware;
    int32_t circumference_mm;  // 0: unknown, the field stays empty
};

struct PartsFound {
    bool gyro = false;
    bool load_cell = false;
};

// What the board read during one tick.
struct TickReadings {
    bool gyro_ok = false;     // the I2C read succeeded
    int16_t gyro_rate = 0;    // about the roller's axis, raw counts
    bool load_fresh = false;  // the HX711 had a new conversion
    int32_t load_raw = 0;
};

// Where finished lines go (the UART on the board, a string in tests).
class LineSink {
  public:
    virtual void send(const char* line, uint8_t length) = 0;

  protected:
    ~LineSink() = default;
};

class Roller {
  public:
    static constexpr uint16_t kHelloEveryTicks = 500;       // 5 s
    static constexpr uint16_t kStatusEveryTicks = 200;      // 2 s
    static constexpr uint8_t kGyroFailAfterErrors = 10;     // 100 ms of failed reads
    static constexpr uint8_t kLoadCellFailAfterTicks = 50;  // 0.5 s without a conversion
    static constexpr uint8_t kMaxBiasAttempts = 6;          // 3 s to lie still, then go on

    Roller(const Identity& identity, const PartsFound& parts, const uint8_t* stored_calibration);

    // One tick at device time `t_ms` (every 10 ms): may send lines.
    void tick(uint32_t t_ms, const TickReadings& readings, LineSink& out);
    // One byte from the serial line: may answer.
    void serial_byte(char c, LineSink& out);
    // A tick's work overran into the next one (reported on the status line).
    void note_overrun() { flags_ = static_cast<uint16_t>(flags_ | kFlagOverrun); }

    // True once after SAVE: `bytes` is what the EEPROM must now hold.
    bool take_calibration_to_store(uint8_t (&bytes)[kCalibrationRecordBytes]);

    bool running() const { return phase_ == Phase::running; }
    uint16_t flags() const { return flags_; }
    int32_t rotation_mrev() const { return rotation_.mrev(); }
    const LoadCell& load_cell() const { return load_; }

  private:
    enum class Phase : uint8_t { calibrating, running };

    void calibrate_step(const TickReadings& readings);
    void track_parts(const TickReadings& readings);
    void execute(const Command& command, LineSink& out);
    void send_hello(LineSink& out);
    void send_status(LineSink& out);
    void send_sample(uint32_t t_ms, LineSink& out);
    // "$RSACK,COMMAND[,value][,detail]" or the same as RSERR.
    void reply(const char* what, const char* command, const char* detail, int32_t value,
               bool with_value, LineSink& out);
    bool gyro_usable() const { return parts_.gyro && gyro_errors_ < kGyroFailAfterErrors; }
    bool load_usable() const {
        return parts_.load_cell && ticks_since_load_ < kLoadCellFailAfterTicks;
    }

    Identity identity_;
    PartsFound parts_;
    Phase phase_ = Phase::calibrating;
    BiasCalibrator bias_;
    uint8_t bias_attempts_ = 0;
    RotationIntegrator rotation_;
    int16_t last_rate_ = 0;
    uint8_t gyro_errors_ = 0;
    LoadCell load_;
    uint8_t ticks_since_load_ = 0;
    bool calibrated_ = false;
    int32_t pending_factor_ = 0;  // measured or set, not yet saved
    bool store_pending_ = false;
    uint16_t flags_ = 0;
    uint16_t reported_flags_ = 0xFFFF;
    uint16_t seq_ = 0;
    uint16_t ticks_to_hello_ = 0;
    uint16_t ticks_to_status_ = 0;
    CommandReader commands_;
};

}  // namespace rsfw
