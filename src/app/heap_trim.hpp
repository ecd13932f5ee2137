// Returns the heap's free pages to the system now and then.
#pragma once

namespace rs::app {

// glibc keeps memory freed by the program in its arenas and gives back only what sits at the
// very top. The kiosk frees and makes text textures of many sizes all day, so the arena's
// high-water mark creeps up in steps while the memory in use stays flat (seen in the soak as
// RSS rising 1.5 MiB in 12 minutes with the heap in use unchanged). malloc_trim hands every
// free page back: 0.3 ms after the benchmark's player runs (`./scripts/bench`), once a minute.
// Does nothing where the C library is not glibc.
void return_free_heap_to_system();

}  // namespace rs::app
