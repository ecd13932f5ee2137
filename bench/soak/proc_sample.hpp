// Resident memory and open file descriptors of a process, read from /proc, and what "flat"
// means for a series of them.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace rs::soak {

struct ProcSample {
    double at_s = 0;   // since the soak began
    double age_s = 0;  // since this kiosk run began
    int run = 0;       // which kiosk run
    std::int64_t rss_kib = 0;
    int fds = 0;
};

// Nothing if the process is gone (or became a zombie) meanwhile.
std::optional<ProcSample> sample_process(pid_t pid);

// Growth of one run after its warm-up: the highest value in the `baseline_s` after the warm-up
// is the baseline, the highest value after that is compared with it.
struct Growth {
    bool measured = false;  // the run lasted long enough to have both windows
    std::int64_t rss_kib = 0;
    int fds = 0;
    double late_s = 0;  // how long the compared stretch was
    // Least-squares slope of RSS over the compared stretch: a slow leak that stays under the
    // bound in half an hour still shows here, as what it would add in an hour.
    double rss_trend_kib_per_h = 0;
};

Growth growth_after_warmup(const std::vector<ProcSample>& run, double warmup_s, double baseline_s);

}  // namespace rs::soak
