// Two of the soak's faults, and what they need set up: the kiosk's wall clock stepped under it
// (libfaketime reading an offset from a file, the monotonic clock untouched, as an NTP step
// leaves it), and its disk filled to the last byte (the event database on a small tmpfs that a
// ballast file fills, then frees). Either is left out, with the reason in the soak's log, where
// the machine cannot do it: no libfaketime, or no permission to mount.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace rs::soak {

class TimeAndDisk {
  public:
    using Log = std::function<void(const std::string&)>;
    TimeAndDisk(std::filesystem::path dir, Log log);
    ~TimeAndDisk();  // frees and unmounts the disk
    TimeAndDisk(const TimeAndDisk&) = delete;
    TimeAndDisk& operator=(const TimeAndDisk&) = delete;

    // Where the station keeps its database: on the small disk when there is one.
    std::filesystem::path database() const { return disk_ / "station.db"; }
    // What goes before the kiosk's command line (an env(1) prefix), empty without libfaketime.
    std::vector<std::string> kiosk_prefix(bool sanitized) const;

    bool can_step_clock() const { return faketime_; }
    // The wall clock `offset_s` from the real time from now on (0: the real time again).
    void set_clock_offset(long long offset_s);
    long long clock_offset() const { return offset_s_; }
    int clock_steps() const { return clock_steps_; }

    bool can_fill_disk() const { return mounted_; }
    void fill_disk();
    void free_disk();
    bool disk_full() const { return full_; }
    int disk_fills() const { return fills_; }

    // Copies the database out of the small disk (before it goes), for inspection.
    void keep_database(const std::filesystem::path& into) const;

  private:
    std::filesystem::path dir_, disk_;
    Log log_;
    bool faketime_ = false, mounted_ = false, full_ = false;
    long long offset_s_ = 0;
    int clock_steps_ = 0, fills_ = 0;
};

}  // namespace rs::soak
