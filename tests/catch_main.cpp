// Catch2's runner, compiled once for every test program: it is the slowest file of the suite to
// compile (about 20 s in the sanitized build), so the three programs share it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
