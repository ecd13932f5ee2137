// Polling for a condition with a deadline: how a test waits for another process or thread
// without sleeping for a guessed time.
#pragma once

#include <chrono>
#include <thread>
#include <utility>

namespace rs::kit {

inline constexpr std::chrono::milliseconds kPoll{5};

// True as soon as `condition()` holds; false if it still does not after `limit`.
template <typename Condition>
bool wait_until(Condition&& condition, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (condition())
            return true;
        if (std::chrono::steady_clock::now() >= until)
            return false;
        std::this_thread::sleep_for(kPoll);
    }
}

}  // namespace rs::kit
