#include "soak/hostile.hpp"

#include <ctime>

namespace rs::soak {

std::string iso_utc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

HostileCommand hostile_command(int n, std::mt19937& rng,
                               std::chrono::system_clock::time_point now) {
    const std::string id = "\"command_id\":\"hostile-" + std::to_string(n) + "\"";
    const std::string soon = "\"start_at\":\"" + iso_utc(now + std::chrono::seconds(30)) + "\"";
    const std::string warmup = "{\"v\":1," + id + ",\"type\":\"class_warmup\",";
    switch (n % 16) {
        case 0:
            return {"truncated JSON", warmup + "\"routine_id\":\"pre-run\"," + soon.substr(0, 15)};
        case 1:
            return {"wrong types",
                    "{\"v\":\"1\"," + id +
                        ",\"type\":\"class_warmup\",\"routine_id\":[\"pre-run\"],\"start_at\":12}"};
        case 2:
            return {"70 KiB", warmup + "\"routine_id\":\"pre-run\"," + soon + ",\"message\":\"" +
                                  std::string(70 * 1024, 'x') + "\"}"};
        case 3:
            return {"2 MiB", warmup + "\"routine_id\":\"pre-run\"," + soon + ",\"coach\":\"" +
                                 std::string(2 * 1024 * 1024, 'y') + "\"}"};
        case 4:
            return {"unknown routine", warmup + "\"routine_id\":\"no-such-routine\"," + soon + "}"};
        case 5:
            return {"deep nesting", "{\"v\":1," + id + ",\"a\":" + std::string(5000, '[') +
                                        std::string(5000, ']') + "}"};
        case 6:
            return {"not UTF-8",
                    warmup + "\"routine_id\":\"pre-run\"," + soon + ",\"coach\":\"\xff\xfe\xc0\"}"};
        case 7:
            return {"unknown type", "{\"v\":1," + id + ",\"type\":\"reboot\"}"};
        case 8:
            return {"start in the past",
                    warmup + "\"routine_id\":\"pre-run\",\"start_at\":\"2001-01-01T00:00:00Z\"}"};
        case 9:
            return {"start in year 99999",
                    warmup + "\"routine_id\":\"pre-run\",\"start_at\":\"99999-01-01T00:00:00Z\"}"};
        case 10:
            return {"broken inline routine",
                    warmup + soon + ",\"routine\":{\"id\":\"x\",\"steps\":[],\"tools\":7}}"};
        case 11:
            return {"empty", ""};
        case 12: {
            std::string bytes(std::uniform_int_distribution<int>(1, 4096)(rng), '\0');
            for (auto& b : bytes)
                b = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
            return {"random bytes", bytes};
        }
        case 13:
            return {"bad command id", "{\"v\":1,\"command_id\":\"hostile-../../" +
                                          std::string(300, 'z') +
                                          "\",\"type\":\"cancel\",\"target\":\"x\"}"};
        case 14:
            return {"version 2", "{\"v\":2," + id + ",\"type\":\"cancel\",\"target\":\"x\"}"};
        default:
            return {"retained", warmup + "\"routine_id\":\"pre-run\"," + soon + "}", true};
    }
}

}  // namespace rs::soak
