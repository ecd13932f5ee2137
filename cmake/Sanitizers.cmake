# ROLLSTATION_SANITIZE builds everything (libraries, the kiosk, the tools and the tests) with the
# named sanitizers, so the integration tests run instrumented binaries too:
#   address,undefined   AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer
#   thread              ThreadSanitizer
# The run-time options (halt on the first report, suppressions for third-party libraries) are
# set by scripts/sanitizer-env.sh, which scripts/test and scripts/soak source.
set(ROLLSTATION_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread")
set_property(CACHE ROLLSTATION_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")

if(ROLLSTATION_SANITIZE)
    if(ROLLSTATION_SANITIZE MATCHES "thread" AND ROLLSTATION_SANITIZE MATCHES "address")
        message(FATAL_ERROR "ThreadSanitizer and AddressSanitizer cannot share a build")
    endif()
    # Frame pointers give whole stacks in reports; recovery off makes any UBSan finding fatal.
    set(SANITIZE_FLAGS -fsanitize=${ROLLSTATION_SANITIZE} -fno-omit-frame-pointer
        -fno-sanitize-recover=all)
    add_compile_options(${SANITIZE_FLAGS})
    # GCC's instrumentation confuses its own flow analysis: libstdc++'s <regex> then draws
    # -Wmaybe-uninitialized false positives (GCC's manual warns of this for sanitized builds).
    # Every other warning stays an error.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-maybe-uninitialized)
    endif()
    add_link_options(${SANITIZE_FLAGS})
    if(ROLLSTATION_SANITIZE MATCHES "thread")
        # ThreadSanitizer does not model std::atomic_thread_fence (GCC refuses it under -Werror).
        # Asio only uses fences around a handler's invocation, after the mutex of its operation
        # queue has already ordered the hand-over between threads; without them TSan sees that
        # mutex and no fence it cannot understand.
        add_compile_definitions(BOOST_ASIO_DISABLE_FENCED_BLOCK)
    endif()
    message(STATUS "Sanitizers: ${ROLLSTATION_SANITIZE}")
endif()
