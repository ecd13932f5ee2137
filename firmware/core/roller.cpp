#include "core/roller.hpp"

#include "core/line_writer.hpp"

namespace rsfw {
namespace {

void send_line(LineWriter& line, LineSink& out) {
    if (const char* text = line.finish())
        out.send(text, static_cast<uint8_t>(line.size()));
}

}  // namespace

Roller::Roller(const Identity& identity, const PartsFound& parts, const uint8_t* stored_calibration)
    : identity_(identity), parts_(parts), load_(kDefaultCountsPerNewton) {
    uint8_t bytes[kCalibrationRecordBytes];
    for (uint8_t i = 0; i < kCalibrationRecordBytes; ++i)
        bytes[i] = stored_calibration[i];
    CalibrationRecord record;
    if (decode_calibration(bytes, record)) {
        load_.set_counts_per_newton(record.counts_per_newton);
        calibrated_ = true;
    }
    if (parts_.load_cell)
        load_.start_tare();
}

void Roller::track_parts(const TickReadings& readings) {
    if (parts_.gyro) {
        if (readings.gyro_ok) {
            gyro_errors_ = 0;
            last_rate_ = readings.gyro_rate;
        } else if (gyro_errors_ < kGyroFailAfterErrors) {
            ++gyro_errors_;
        }
    }
    if (parts_.load_cell) {
        if (readings.load_fresh) {
            ticks_since_load_ = 0;
            load_.add_reading(readings.load_raw);
        } else if (ticks_since_load_ < kLoadCellFailAfterTicks) {
            ++ticks_since_load_;
        }
    }
    uint16_t flags =
        static_cast<uint16_t>(flags_ & ~(kFlagGyroMissing | kFlagGyroFailed | kFlagLoadCellMissing |
                                         kFlagLoadCellFailed | kFlagUncalibrated));
    if (!parts_.gyro)
        flags |= kFlagGyroMissing;
    else if (!gyro_usable())
        flags |= kFlagGyroFailed;
    if (!parts_.load_cell)
        flags |= kFlagLoadCellMissing;
    else if (!load_usable())
        flags |= kFlagLoadCellFailed;
    if (parts_.load_cell && !calibrated_)
        flags |= kFlagUncalibrated;
    flags_ = flags;
}

void Roller::calibrate_step(const TickReadings& readings) {
    bool gyro_done = !gyro_usable() || bias_.done() || (flags_ & kFlagBiasUnsettled);
    if (!gyro_done && readings.gyro_ok && !bias_.add(readings.gyro_rate)) {
        // Moved: start over from this reading, a few times, then carry on with no bias rather
        // than never start.
        bias_.reset();
        if (++bias_attempts_ >= kMaxBiasAttempts)
            flags_ = static_cast<uint16_t>(flags_ | kFlagBiasUnsettled);
        else
            bias_.add(readings.gyro_rate);
    }
    gyro_done = !gyro_usable() || bias_.done() || (flags_ & kFlagBiasUnsettled);
    const bool load_done = !load_usable() || !load_.busy();
    if (!gyro_done || !load_done)
        return;
    rotation_.set_bias_tenths(bias_.done() ? bias_.bias_tenths() : 0);
    phase_ = Phase::running;
    ticks_to_hello_ = 0;
    ticks_to_status_ = 0;
}

void Roller::tick(uint32_t t_ms, const TickReadings& readings, LineSink& out) {
    track_parts(readings);
    if (phase_ == Phase::calibrating) {
        calibrate_step(readings);
        if (phase_ == Phase::calibrating)
            return;
    } else if (gyro_usable()) {
        // A single failed read keeps the last rate: a 10 ms gap should not lose the turn.
        rotation_.add(readings.gyro_ok ? readings.gyro_rate : last_rate_);
    }
    if (load_.calibration_finished()) {
        pending_factor_ = load_.calibration_result();
        if (pending_factor_ == 0)
            reply("RSERR", "CAL", "no-change", 0, false, out);
        else
            reply("RSACK", "CAL", "unsaved", pending_factor_, true, out);
    }
    if (ticks_to_hello_ == 0) {
        send_hello(out);
        ticks_to_hello_ = kHelloEveryTicks;
    }
    --ticks_to_hello_;
    if (ticks_to_status_ == 0 || flags_ != reported_flags_) {
        send_status(out);
        ticks_to_status_ = kStatusEveryTicks;
    }
    --ticks_to_status_;
    send_sample(t_ms, out);
}

void Roller::send_hello(LineSink& out) {
    LineWriter line("RSHEL");
    line.add_text(identity_.device_id);
    line.add_text(identity_.firmware);
    char caps[3] = {};
    uint8_t n = 0;
    if (parts_.gyro)
        caps[n++] = 'R';
    if (parts_.load_cell)
        caps[n++] = 'F';
    if (n == 0)
        line.add_empty();
    else
        line.add_text(caps);
    if (identity_.circumference_mm > 0)
        line.add_unsigned(static_cast<uint32_t>(identity_.circumference_mm));
    else
        line.add_empty();
    send_line(line, out);
}

void Roller::send_status(LineSink& out) {
    LineWriter line("RSSTA");
    line.add_empty();  // powered over USB: no battery to report
    line.add_unsigned(flags_);
    send_line(line, out);
    reported_flags_ = flags_;
}

void Roller::send_sample(uint32_t t_ms, LineSink& out) {
    LineWriter line("RSDAT");
    line.add_unsigned(seq_++);
    line.add_unsigned(t_ms);
    if (gyro_usable())
        line.add_signed(rotation_.mrev());
    else
        line.add_empty();
    if (load_usable() && load_.has_force())
        line.add_signed(load_.force_dn());
    else
        line.add_empty();
    send_line(line, out);
}

void Roller::reply(const char* what, const char* command, const char* detail, int32_t value,
                   bool with_value, LineSink& out) {
    LineWriter line(what);
    line.add_text(command);
    if (with_value)
        line.add_signed(value);
    if (detail[0] != '\0')
        line.add_text(detail);
    send_line(line, out);
}

void Roller::serial_byte(char c, LineSink& out) {
    execute(commands_.feed(c), out);
}

void Roller::execute(const Command& command, LineSink& out) {
    const bool no_load = !load_usable();
    switch (command.kind) {
        case CommandKind::none:
            return;
        case CommandKind::unknown:
            return reply("RSERR", "COMMAND", "unknown", 0, false, out);
        case CommandKind::too_long:
            return reply("RSERR", "COMMAND", "too-long", 0, false, out);
        case CommandKind::bad_number:
            return reply("RSERR", "COMMAND", "bad-number", 0, false, out);
        case CommandKind::tare:
            if (no_load || load_.busy())
                return reply("RSERR", "TARE", no_load ? "no-load-cell" : "busy", 0, false, out);
            load_.start_tare();
            return reply("RSACK", "TARE", "", 0, false, out);
        case CommandKind::calibrate:
            if (no_load || load_.busy())
                return reply("RSERR", "CAL", no_load ? "no-load-cell" : "busy", 0, false, out);
            load_.start_calibration(command.value);
            return reply("RSACK", "CAL", "measuring", command.value, true, out);
        case CommandKind::scale:
            pending_factor_ = command.value;
            return reply("RSACK", "SCALE", "unsaved", command.value, true, out);
        case CommandKind::save:
            if (pending_factor_ == 0)
                return reply("RSERR", "SAVE", "nothing-pending", 0, false, out);
            load_.set_counts_per_newton(pending_factor_);
            calibrated_ = true;
            store_pending_ = true;
            pending_factor_ = 0;
            return reply("RSACK", "SAVE", "stored", load_.counts_per_newton(), true, out);
        case CommandKind::cancel:
            pending_factor_ = 0;
            return reply("RSACK", "CANCEL", "", 0, false, out);
        case CommandKind::info:
            return reply("RSACK", "INFO", calibrated_ ? "stored" : "default",
                         load_.counts_per_newton(), true, out);
    }
}

bool Roller::take_calibration_to_store(uint8_t (&bytes)[kCalibrationRecordBytes]) {
    if (!store_pending_)
        return false;
    store_pending_ = false;
    CalibrationRecord record;
    record.counts_per_newton = load_.counts_per_newton();
    encode_calibration(record, bytes);
    return true;
}

}  // namespace rsfw
