#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "ui/audio.hpp"
#include "ui/harness.hpp"
#include "ui/image.hpp"
#include "ui/input.hpp"

using namespace rs;

namespace {

// Finger `id` touching down at (x, y), as fractions of the panel, `timestamp` ms after start.
SDL_Event finger_down(SDL_FingerID id, float x, float y, Uint32 timestamp) {
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.common.timestamp = timestamp;
    return e;
}

}  // namespace

TEST_CASE("cue tones are short, audible and distinct", "[audio]") {
    const auto tick = ui::synthesize(core::Cue::countdown, 48000);
    const auto change = ui::synthesize(core::Cue::step_change, 48000);
    const auto done = ui::synthesize(core::Cue::finished, 48000);
    CHECK(tick.size() < change.size());
    CHECK(change.size() < done.size());
    CHECK(done.size() <= 48000);  // under a second: a cue, not a tune
    for (const auto* samples : {&tick, &change, &done}) {
        int peak = 0;
        for (auto s : *samples)
            peak = std::max(peak, std::abs(static_cast<int>(s)));
        CHECK(peak > 8000);
        CHECK(std::abs(samples->front()) < 200);  // faded in and out: no click
        CHECK(std::abs(samples->back()) < 200);
    }
}

TEST_CASE("a kiosk without an audio device stays silent instead of failing", "[audio]") {
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    {
        ui::CuePlayer player(true);
        CHECK_FALSE(player.audible());
        player.play(core::Cue::step_change);  // harmless
    }
    SDL_Quit();
    setenv("SDL_AUDIODRIVER", "dummy", 1);
}

TEST_CASE("cues reach the dummy audio device when sound is on", "[audio]") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    {
        ui::CuePlayer player(true);
        CHECK(player.audible());
        CHECK_FALSE(player.device_open());  // no audio thread until there is a cue
        const auto t0 = ui::CuePlayer::Steady::now();
        player.play(core::Cue::finished, t0);
        CHECK(player.device_open());
        player.rest(t0 + std::chrono::seconds(1));
        CHECK(player.device_open());  // cues come in runs: it stays open between them
        // Long after the cue (the longest lasts 0.6 s) it closes, and the next cue opens it again.
        player.rest(t0 + ui::CuePlayer::kKeptOpen + std::chrono::seconds(1));
        CHECK_FALSE(player.device_open());
        player.play(core::Cue::countdown, t0 + ui::CuePlayer::kKeptOpen + std::chrono::seconds(2));
        CHECK(player.device_open());
    }
    {
        ui::CuePlayer off(false);
        CHECK_FALSE(off.audible());
    }
    SDL_Quit();
}

TEST_CASE("PNG round trip and tolerant comparison", "[image]") {
    ui::Image a{4, 2, std::vector<std::uint8_t>(4 * 2 * 4, 100)};
    for (std::size_t i = 3; i < a.rgba.size(); i += 4)
        a.rgba[i] = 255;
    const auto file = std::filesystem::temp_directory_path() / "rollstation-image-test.png";
    REQUIRE(ui::write_png(file, a));
    const auto back = ui::read_png(file);
    std::filesystem::remove(file);
    REQUIRE(back.has_value());
    CHECK(back->rgba == a.rgba);

    ui::Image b = a;
    b.rgba[0] = 120;  // within tolerance
    b.rgba[4] = 200;  // beyond
    const ui::ImageDiff d = ui::compare(b, a, 40);
    CHECK(d.same_size);
    CHECK(d.differing_pixels == 1);
    CHECK(d.differing_fraction == Approx(1.0 / 8));
    CHECK(d.diff.rgba[4] == 255);  // marked red
    CHECK(d.diff.rgba[5] == 0);
    CHECK_FALSE(ui::compare(ui::Image{1, 1, {0, 0, 0, 255}}, a, 0).same_size);
    CHECK_FALSE(ui::read_png("/nonexistent.png").has_value());
}

TEST_CASE("pointer tracking follows one finger and ignores touch-made mouse events", "[input]") {
    ui::PointerTracker tracker;
    SDL_Event e = finger_down(1, 0.25f, 0.5f, 0);
    auto p = tracker.translate(e, {800, 480});
    REQUIRE(p);
    CHECK(p->kind == ui::Pointer::Kind::down);
    CHECK(p->at == ui::Point{200, 240});
    SDL_Event second = e;
    second.tfinger.fingerId = 2;  // a second finger is ignored
    CHECK_FALSE(tracker.translate(second, {800, 480}));
    second.type = SDL_FINGERUP;
    CHECK_FALSE(tracker.translate(second, {800, 480}));
    e.type = SDL_FINGERUP;
    REQUIRE(tracker.translate(e, {800, 480}));

    SDL_Event m{};
    m.type = SDL_MOUSEBUTTONDOWN;
    m.button.which = SDL_TOUCH_MOUSEID;
    m.button.button = SDL_BUTTON_LEFT;
    CHECK_FALSE(tracker.translate(m, {800, 480}));
    m.button.which = 0;
    m.button.button = SDL_BUTTON_RIGHT;
    CHECK_FALSE(tracker.translate(m, {800, 480}));
    m.button.button = SDL_BUTTON_LEFT;
    m.button.x = 5;
    m.button.y = 6;
    auto mouse = tracker.translate(m, {800, 480});
    REQUIRE(mouse);
    CHECK(mouse->at == ui::Point{5, 6});
}

TEST_CASE("unchanged text is rasterised once and then served from the cache", "[text]") {
    test::HeadlessKiosk k({800, 480});
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->pump();
    const auto after_first = k.app->text_cache().rasterised();
    for (int i = 0; i < 5; ++i) {
        k.app->force_redraw();
        k.app->pump();
    }
    CHECK(k.app->text_cache().rasterised() == after_first);
    CHECK(k.app->text_cache().reused() > 0);
}

TEST_CASE("a lost finger lift does not leave the panel deaf", "[input]") {
    ui::PointerTracker tracker;
    SDL_Event down = finger_down(0, 0, 0, 1000);
    REQUIRE(tracker.translate(down, {800, 480}));
    // The lift never arrives; the driver reuses id 0 for the next touch.
    down.common.timestamp = 4000;
    CHECK(tracker.translate(down, {800, 480}));
    // A new id while the old press is fresh is a second finger: ignored.
    SDL_Event other = down;
    other.tfinger.fingerId = 5;
    other.common.timestamp = 4500;
    CHECK_FALSE(tracker.translate(other, {800, 480}));
    // Held "for" over ten seconds: the old press is considered gone.
    other.common.timestamp = 4000 + ui::PointerTracker::kStuckAfterMs + 1;
    CHECK(tracker.translate(other, {800, 480}));
}
