#include "soak/proc_sample.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace rs::soak {

std::optional<ProcSample> sample_process(pid_t pid) {
    const std::filesystem::path proc = "/proc/" + std::to_string(pid);
    std::ifstream status(proc / "status");
    ProcSample s;
    bool have_rss = false;
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("State:", 0) == 0 && line.find("Z (zombie)") != std::string::npos)
            return std::nullopt;
        if (line.rfind("VmRSS:", 0) == 0) {
            s.rss_kib = std::stoll(line.substr(6));
            have_rss = true;
        }
    }
    if (!have_rss)
        return std::nullopt;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(proc / "fd", ec), end; !ec && it != end;
         it.increment(ec))
        ++s.fds;
    if (ec)
        return std::nullopt;
    return s;
}

Growth growth_after_warmup(const std::vector<ProcSample>& run, double warmup_s, double baseline_s) {
    Growth g;
    std::int64_t base_rss = -1, late_rss = -1;
    int base_fds = -1, late_fds = -1;
    double late_from = 0, late_to = 0;
    double n = 0, sum_t = 0, sum_r = 0, sum_tt = 0, sum_tr = 0;
    for (const auto& s : run) {
        if (s.age_s < warmup_s)
            continue;
        if (s.age_s < warmup_s + baseline_s) {
            base_rss = std::max(base_rss, s.rss_kib);
            base_fds = std::max(base_fds, s.fds);
        } else {
            if (late_rss < 0)
                late_from = s.age_s;
            late_to = s.age_s;
            late_rss = std::max(late_rss, s.rss_kib);
            const double t = s.age_s - late_from, r = static_cast<double>(s.rss_kib);
            n += 1;
            sum_t += t;
            sum_r += r;
            sum_tt += t * t;
            sum_tr += t * r;
            late_fds = std::max(late_fds, s.fds);
        }
    }
    if (base_rss < 0 || late_rss < 0)
        return g;
    g.measured = true;
    g.rss_kib = late_rss - base_rss;
    g.fds = late_fds - base_fds;
    g.late_s = late_to - late_from;
    const double spread = n * sum_tt - sum_t * sum_t;
    if (spread > 0)
        g.rss_trend_kib_per_h = (n * sum_tr - sum_t * sum_r) / spread * 3600.0;
    return g;
}

}  // namespace rs::soak
