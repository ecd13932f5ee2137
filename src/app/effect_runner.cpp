#include "app/effect_runner.hpp"

#include "app/host_info.hpp"
#include "app/log.hpp"

namespace rs::app {

EffectRunner::EffectRunner(EffectRunnerOptions options, ui::View& view,
                           std::function<void(const config::Setup&)> apply_setup)
    : options_(std::move(options)),
      view_(view),
      apply_setup_(std::move(apply_setup)),
      audio_(options_.sound),
      dimmer_(options_.dims, options_.backlight, options_.backlight_class_dir, start_errors_) {
    if (!options_.calibration_file.empty())
        calibrations_.emplace(options_.calibration_file);
    dimmer_.prepare(view_);
}

void EffectRunner::set_dim_level(int percent) {
    dimmer_.set_level(percent);
    dimmer_.prepare(view_);
}

Calibrations EffectRunner::kept_calibrations() {
    if (!calibrations_)
        return {};
    std::string problem;
    Calibrations kept = calibrations_->load(problem);
    if (!problem.empty())
        start_errors_.push_back(problem);
    return kept;
}

void EffectRunner::run(const core::KioskEffects& effects, core::Instant now) {
    for (const core::CommandResult& r : effects.results) {
        if (options_.outbound)
            options_.outbound->result(r);
        log_info("command " + r.command_id + ": " + std::string(core::name_of(r.outcome)) +
                 (r.reason.empty() ? "" : " (" + r.reason + ")"));
    }
    for (core::Cue cue : effects.cues) {
        audio_.play(cue);
        if (cue != core::Cue::countdown)
            view_.flash(now);
    }
    if (options_.outbound) {
        for (const core::UsageEvent& event : effects.events)
            options_.outbound->event(event);
    }
    for (const auto& [sensor, calibration] : effects.calibrations)
        keep_calibration(sensor, calibration);
    for (core::AdminTask task : effects.admin_tasks)
        run_admin_task(task);
}

void EffectRunner::keep_calibration(const std::string& sensor_id, const core::Calibration& c) {
    log_info("sensor " + sensor_id + ": calibration zero " + std::to_string(c.zero_n) +
             " N, scale " + std::to_string(c.scale));
    if (!calibrations_) {
        view_.admin_info().notice = "Calibrated until the next start (no state directory)";
        return;
    }
    try {
        calibrations_->save(sensor_id, c);
    } catch (const std::exception& e) {
        log_error(std::string("calibration not kept: ") + e.what());
        view_.admin_info().notice = "Calibration not saved: " + std::string(e.what());
    }
}

void EffectRunner::run_admin_task(core::AdminTask task) {
    std::string& notice = view_.admin_info().notice;
    switch (task) {
        case core::AdminTask::test_sound:
            audio_.play(core::Cue::finished);
            notice = "Played the end-of-routine sound";
            return;
        case core::AdminTask::restart:
            log_info("restart asked for on the admin screen");
            restart_ = true;
            return;
        case core::AdminTask::reload: {
            if (!options_.reload) {
                notice = "Nothing to reload from";
                return;
            }
            std::string problem;
            const auto setup = options_.reload(problem);
            if (!setup) {
                notice = "Reload refused: " + problem + "; the running configuration stays";
                log_warning(notice);
                return;
            }
            apply_setup_(*setup);
            notice = "Reloaded: " + std::to_string(setup->library->routines().size()) +
                     " routines, " + std::to_string(setup->skipped_files.size()) +
                     " files skipped (sensor and broker changes apply after a restart)";
            log_info(notice);
            return;
        }
    }
}

bool EffectRunner::admin_info_due(const core::KioskState& state, core::Instant now) const {
    return state.admin.view == core::AdminView::panel && now - admin_info_at_ >= kAdminInfoInterval;
}

void EffectRunner::refresh_admin_info(core::Instant now) {
    ui::AdminInfo& info = view_.admin_info();
    const std::string notice = info.notice;
    info = options_.admin;
    info.notice = notice;
    info.addresses = network_addresses();
    info.problems = load_problems_;
    info.problems.insert(info.problems.end(), start_errors_.begin(), start_errors_.end());
    const auto link =
        options_.outbound ? options_.outbound->status() : std::optional<mqtt::LinkStatus>();
    if (link) {
        info.broker_connected = link->connected;
        info.outbox_depth = link->outbox_depth;
        info.dropped = link->dropped;
        info.sessions_today = link->sessions_today;
        info.active_minutes_today = static_cast<int>(link->active_ms_today / 60'000);
        if (!link->id_conflict.empty())
            info.problems.insert(info.problems.begin(),
                                 "Not publishing: " + link->id_conflict + " (events are kept)");
        if (!link->storage_problem.empty())
            info.problems.insert(info.problems.begin(),
                                 "Storage failing: " + link->storage_problem + " (" +
                                     std::to_string(link->held_events) + " events held)");
    }
    admin_info_at_ = now;
}

}  // namespace rs::app
