// Catch2 v2's entry point, compiled once for every test binary (tests/CMakeLists.txt).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
