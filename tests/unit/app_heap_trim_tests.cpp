#include <catch2/catch.hpp>

#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <vector>

#include "app/heap_trim.hpp"

namespace {

std::int64_t resident_kib() {
    std::ifstream statm("/proc/self/statm");
    std::int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

}  // namespace

TEST_CASE("free heap pages between live blocks go back to the system", "[app][memory]") {
    const std::size_t arena_before = mallinfo2().arena;
    // 32 MiB in 16 KiB blocks (under glibc's mmap threshold, so they come from the arena), then
    // every block freed but one in 64: the arena stays as large, its free pages are in the middle.
    constexpr std::size_t kBlock = 16 * 1024, kBlocks = 2048;
    std::vector<std::unique_ptr<char[]>> blocks;
    for (std::size_t i = 0; i < kBlocks; ++i) {
        blocks.emplace_back(new char[kBlock]);
        std::fill_n(blocks.back().get(), kBlock, static_cast<char>(i));
    }
    if (mallinfo2().arena < arena_before + kBlock * kBlocks / 2) {
        WARN("malloc is not glibc's here (a sanitizer or Valgrind): nothing to trim");
        return;
    }
    for (std::size_t i = 0; i < kBlocks; ++i)
        if (i % 64 != 0)
            blocks[i].reset();
    const std::int64_t before = resident_kib();
    rs::app::return_free_heap_to_system();
    const std::int64_t after = resident_kib();
    INFO("resident before " << before << " KiB, after " << after << " KiB");
    CHECK(before - after > 24 * 1024);
}
