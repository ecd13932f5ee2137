#include "app/heap_trim.hpp"

#if __has_include(<malloc.h>)
#include <malloc.h>  // also says whether this is glibc
#endif

namespace rs::app {

void return_free_heap_to_system() {
#if defined(__GLIBC__)
    ::malloc_trim(0);
#endif
}

}  // namespace rs::app
