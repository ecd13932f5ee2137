#include "soak/time_and_disk.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace rs::soak {
namespace fs = std::filesystem;
namespace {

const fs::path kFaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
// Room for a long soak's events, small enough to fill in a moment.
constexpr const char* kDiskSize = "size=48m";

}  // namespace

TimeAndDisk::TimeAndDisk(fs::path dir, Log log)
    : dir_(std::move(dir)), disk_(dir_ / "disk"), log_(std::move(log)) {
    std::error_code ec;
    fs::create_directories(disk_, ec);
    faketime_ = fs::exists(kFaketime, ec);
    if (faketime_) {
        set_clock_offset(0);
        std::ofstream(dir_ / "clock-synced");  // the station's clock counts as synchronised
    } else {
        log_("clock steps left out: " + kFaketime.string() + " is missing (Debian's faketime)");
    }
    if (::mount("tmpfs", disk_.c_str(), "tmpfs", 0, kDiskSize) == 0)
        mounted_ = true;
    else
        log_("disk-full faults left out: cannot mount a tmpfs for the database (" +
             std::string(std::strerror(errno)) + "; it needs root)");
}

TimeAndDisk::~TimeAndDisk() {
    free_disk();
    if (mounted_)
        ::umount2(disk_.c_str(), MNT_DETACH);
}

std::vector<std::string> TimeAndDisk::kiosk_prefix(bool sanitized) const {
    if (!faketime_)
        return {};
    std::vector<std::string> prefix{
        "/usr/bin/env",
        "LD_PRELOAD=" + kFaketime.string(),
        "FAKETIME_TIMESTAMP_FILE=" + (dir_ / "faketime.rc").string(),
        "FAKETIME_CACHE_DURATION=1",  // read the offset again each second, not at each call
        "FAKETIME_DONT_FAKE_MONOTONIC=1",
        "ROLLSTATION_CLOCK_SYNC_FLAG=" + (dir_ / "clock-synced").string()};
    if (sanitized) {
        const char* asan = std::getenv("ASAN_OPTIONS");
        prefix.push_back(std::string("ASAN_OPTIONS=") + (asan ? asan : "") +
                         ":verify_asan_link_order=0");
    }
    return prefix;
}

void TimeAndDisk::set_clock_offset(long long offset_s) {
    if (!faketime_)
        return;
    const fs::path file = dir_ / "faketime.rc";
    const fs::path temp = dir_ / "faketime.rc.new";
    std::ofstream(temp) << (offset_s >= 0 ? "+" : "") << offset_s << "\n";
    fs::rename(temp, file);  // the kiosk reads a whole file, never half of one
    if (offset_s != offset_s_)
        ++clock_steps_;
    offset_s_ = offset_s;
}

void TimeAndDisk::fill_disk() {
    if (!mounted_ || full_)
        return;
    const int fd =
        ::open((disk_ / "ballast").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    static const std::string block(1 << 16, '\0');
    while (::write(fd, block.data(), block.size()) > 0) {
    }
    // The last bytes a block did not fit.
    while (::write(fd, block.data(), 1) > 0) {
    }
    ::close(fd);
    full_ = true;
    ++fills_;
}

void TimeAndDisk::free_disk() {
    if (!full_)
        return;
    std::error_code ec;
    fs::remove(disk_ / "ballast", ec);
    full_ = false;
}

void TimeAndDisk::keep_database(const fs::path& into) const {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", ".seq"}) {
        const fs::path from = database().string() + suffix;
        if (fs::exists(from, ec))
            fs::copy_file(from, into.string() + suffix, fs::copy_options::overwrite_existing, ec);
    }
}

}  // namespace rs::soak
