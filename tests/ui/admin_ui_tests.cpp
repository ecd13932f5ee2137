// The admin way in by touch on the real app: the hidden corner, the PIN pad, the panel and its
// tasks, and the dimmed attract screen with a backlight on a sysfs-shaped folder.
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "app/admin_pin.hpp"
#include "ui/harness.hpp"
#include "ui/image.hpp"

using namespace rs;
namespace fs = std::filesystem;

namespace {

config::Setup setup_with_pin() {
    config::Setup setup = test::demo_setup();
    setup.station.admin.pin_hash = app::hash_pin("2468");
    return setup;
}

void type_pin(test::HeadlessKiosk& k, const std::string& pin) {
    for (char c : pin) {
        k.tap<core::act::PinDigit>(
            [c](const core::act::PinDigit& d) { return d.digit == c - '0'; });
    }
    k.tap<core::act::PinEnter>();
}

void open_pin_pad(test::HeadlessKiosk& k) {
    k.press({4, 4});
    k.advance(core::Millis{5000});
    k.release({4, 4});
    REQUIRE(k.state().admin.view == core::AdminView::pin);
}

// A sysfs-shaped folder for the backlight, removed at the end.
struct TempDir {
    fs::path path_ =
        fs::temp_directory_path() / ("rollstation-ui-admin-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path_); }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }
    void write(const fs::path& relative, const std::string& text) const {
        fs::create_directories((path_ / relative).parent_path());
        std::ofstream(path_ / relative) << text;
    }
};

std::string read(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

TEST_CASE("a five-second press on the top-left corner opens the PIN pad", "[ui][admin]") {
    test::HeadlessKiosk k({800, 480}, 0, setup_with_pin());
    k.press({4, 4});
    k.advance(core::Millis{4750});
    CHECK(k.state().admin.view == core::AdminView::closed);
    k.advance(core::Millis{250});
    CHECK(k.state().admin.view == core::AdminView::pin);
    k.release({4, 4});
    // Letting go does not tap what lies under the finger: the pad is still up.
    CHECK(k.state().admin.view == core::AdminView::pin);
    CHECK(k.state().screen == core::Screen::home);
}

TEST_CASE("a press elsewhere or a short one opens nothing", "[ui][admin]") {
    test::HeadlessKiosk k({800, 480}, 0, setup_with_pin());
    k.press({400, 240});
    k.advance(core::Millis{6000});
    k.release({400, 240});
    CHECK(k.state().admin.view == core::AdminView::closed);
    k.press({4, 4});
    k.advance(core::Millis{3000});
    k.release({4, 4});
    k.advance(core::Millis{5000});
    CHECK(k.state().admin.view == core::AdminView::closed);
}

TEST_CASE("the right PIN by touch opens the admin panel with its actions", "[ui][admin]") {
    test::HeadlessKiosk k({800, 480}, 0, setup_with_pin());
    open_pin_pad(k);
    type_pin(k, "1111");
    CHECK(k.state().admin.view == core::AdminView::pin);
    CHECK(k.state().admin.last_wrong);
    type_pin(k, "2468");
    REQUIRE(k.state().admin.view == core::AdminView::panel);
    k.advance(core::Millis{1000});  // the panel's figures are gathered
    // Kept for a look (it shows this machine's addresses, so it is no golden reference).
    fs::create_directories(ROLLSTATION_ARTIFACT_DIR);
    CHECK(ui::write_png(fs::path(ROLLSTATION_ARTIFACT_DIR) / "admin-panel-800x480.png",
                        k.app->render_and_capture()));
    CHECK(k.app->admin_info().station_id == "demo-1");
    for (core::AdminTask task :
         {core::AdminTask::reload, core::AdminTask::test_sound, core::AdminTask::restart}) {
        bool found = false;
        for (const auto& hit : k.app->hits()) {
            if (const auto* a = core::action_as<core::act::RunAdminTask>(hit.action))
                found = found || a->task == task;
        }
        CHECK(found);
    }
    // Nothing of the kiosk underneath can be touched.
    CHECK_FALSE(k.on_screen<core::act::OpenLibrary>());
    k.tap<core::act::CloseAdmin>();
    CHECK(k.state().admin.view == core::AdminView::closed);
    CHECK(k.on_screen<core::act::OpenLibrary>());
}

TEST_CASE("the panel reloads the configuration and asks for a restart", "[ui][admin]") {
    int reloads = 0;
    test::HeadlessKiosk k({800, 480}, 0, setup_with_pin(), [&](app::KioskOptions& o) {
        o.reload = [&](std::string&) -> std::optional<config::Setup> {
            ++reloads;
            config::Setup fresh = test::demo_setup();
            fresh.station.display.idle_timeout_s = 300;
            fresh.station.admin.pin_hash.clear();
            fresh.station.station.language = core::Language::de;
            fresh.station.display.languages = {core::Language::de, core::Language::en};
            return fresh;
        };
    });
    CHECK(k.state().language == core::Language::en);
    CHECK(k.state().settings.house_language == core::Language::en);
    open_pin_pad(k);
    type_pin(k, "2468");
    k.tap<core::act::RunAdminTask>(
        [](const core::act::RunAdminTask& t) { return t.task == core::AdminTask::reload; });
    CHECK(reloads == 1);
    CHECK(k.state().settings.idle_timeout_s == 300);
    // The reloaded station speaks its new house language at once and offers the choice.
    CHECK(k.state().settings.house_language == core::Language::de);
    CHECK(k.state().settings.offers_choice());
    CHECK(k.state().language == core::Language::de);
    CHECK(k.app->admin_info().notice.find("Reloaded") != std::string::npos);
    // The reloaded file has no PIN: the pad now says how to set one.
    CHECK_FALSE(k.state().settings.admin.pin_matches);
    CHECK_FALSE(k.app->restart_requested());
    k.tap<core::act::RunAdminTask>(
        [](const core::act::RunAdminTask& t) { return t.task == core::AdminTask::restart; });
    CHECK(k.app->restart_requested());
    CHECK(k.app->quit_requested());
}

TEST_CASE("a refused reload keeps the running configuration", "[ui][admin]") {
    test::HeadlessKiosk k({800, 480}, 0, setup_with_pin(), [&](app::KioskOptions& o) {
        o.reload = [](std::string& problem) -> std::optional<config::Setup> {
            problem = "station.yaml:3:1: broken";
            return std::nullopt;
        };
    });
    open_pin_pad(k);
    type_pin(k, "2468");
    k.tap<core::act::RunAdminTask>(
        [](const core::act::RunAdminTask& t) { return t.task == core::AdminTask::reload; });
    CHECK(k.app->admin_info().notice.find("station.yaml:3:1: broken") != std::string::npos);
    CHECK(k.state().settings.admin.pin_matches);
}

TEST_CASE("the idle attract screen dims the backlight and a touch only wakes it", "[ui][admin]") {
    TempDir sys;
    sys.write("panel/max_brightness", "100\n");
    sys.write("panel/brightness", "80\n");
    config::Setup setup = setup_with_pin();
    setup.station.display.dim_after_s = 60;
    setup.station.display.dim_brightness_pct = 25;
    test::HeadlessKiosk k({800, 480}, 0, setup,
                          [&](app::KioskOptions& o) { o.backlight_class_dir = sys.path(); });
    k.advance(core::Millis{60'000}, core::Millis{1000});
    REQUIRE(k.state().dimmed);
    CHECK(read(sys.path() / "panel/brightness") == "20\n");
    // The wake-up touch lands on "tap to start" but only wakes the screen.
    k.tap_window({400, 240});
    CHECK_FALSE(k.state().dimmed);
    CHECK(k.state().screen == core::Screen::home);
    CHECK(read(sys.path() / "panel/brightness") == "80\n");
    k.tap_window({400, 240});
    CHECK(k.state().screen == core::Screen::library);
}
