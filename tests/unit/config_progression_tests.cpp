// A routine's declared progression and a step's named demonstration, as the loader reads them.
#include <catch2/catch.hpp>

#include "rollstation/config/routine_loader.hpp"
#include "unit/support.hpp"

using namespace rs;

TEST_CASE("a routine may name its progression and a step its demonstration", "[config][demo]") {
    const std::string text =
        test::kTinyRoutine + "    demo: shins-foam-roller\n" + "progression: pre-run\n";
    config::Diagnostics errors;
    const auto routine = config::parse_routine_text(text, "tiny.yaml", errors);
    REQUIRE(errors.empty());
    REQUIRE(routine);
    CHECK(routine->progression == "pre-run");
    CHECK(routine->steps.at(0).demo == "shins-foam-roller");
}

TEST_CASE("a progression that is no routine id is reported where it is", "[config][demo]") {
    const std::string text = test::kTinyRoutine + "progression: \"Pre Run!\"\n";
    config::Diagnostics errors;
    CHECK_FALSE(config::parse_routine_text(text, "tiny.yaml", errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 15);
    CHECK_THAT(errors[0].message, Catch::Contains("progression 'Pre Run!' must be a routine id"));
}
