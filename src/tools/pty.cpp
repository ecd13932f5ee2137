#include "tools/pty.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace rs::tools {

PseudoTerminal::PseudoTerminal(std::optional<std::filesystem::path> link) : link_(std::move(link)) {
    // A constructor that throws runs no destructor: close what was opened before throwing.
    const auto fail = [this](const std::string& what) {
        const int error = errno;
        if (slave_ >= 0)
            ::close(slave_);
        if (master_ >= 0)
            ::close(master_);
        throw std::system_error(error, std::generic_category(), what);
    };
    master_ = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0)
        fail("cannot open a pseudo-terminal");
    device_ = ptsname(master_);
    slave_ = ::open(device_.c_str(), O_RDWR | O_NOCTTY);
    if (slave_ < 0)
        fail("cannot open " + device_);
    termios tio{};
    tcgetattr(slave_, &tio);
    cfmakeraw(&tio);
    tcsetattr(slave_, TCSANOW, &tio);
    if (link_) {
        std::error_code ec;
        std::filesystem::remove(*link_, ec);
        std::filesystem::create_symlink(device_, *link_, ec);
        if (ec) {
            errno = ec.value();
            fail("cannot link " + link_->string() + " to " + device_);
        }
    }
}

PseudoTerminal::~PseudoTerminal() {
    if (link_) {
        std::error_code ec;
        std::filesystem::remove(*link_, ec);
    }
    // Closing both ends is the unplug: a reader of the device now gets EIO.
    if (slave_ >= 0)
        ::close(slave_);
    if (master_ >= 0)
        ::close(master_);
}

void PseudoTerminal::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(master_, bytes.data(), bytes.size());
        if (n <= 0)
            return;  // full (nobody reading) or gone: drop, like a device's UART would
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string PseudoTerminal::read_available() {
    std::string bytes;
    char buffer[256];
    for (;;) {
        const ssize_t n = ::read(master_, buffer, sizeof buffer);
        if (n <= 0)
            return bytes;  // nothing more now (EAGAIN), or nobody has the device open (EIO)
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
}

}  // namespace rs::tools
