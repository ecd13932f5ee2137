#include "storage/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rs::storage {

void write_file_atomically(const std::filesystem::path& file, const std::string& text) {
    struct stat st {};
    const mode_t mode = ::stat(file.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
    const std::filesystem::path temp = file.string() + ".new";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        throw std::runtime_error("cannot write " + temp.string() + ": " + std::strerror(errno));
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    const int write_errno = errno;
    ::close(fd);
    if (!written) {
        ::unlink(temp.c_str());
        throw std::runtime_error("cannot write " + temp.string() + ": " +
                                 std::strerror(write_errno));
    }
    if (::chmod(temp.c_str(), mode) != 0 || ::rename(temp.c_str(), file.c_str()) != 0) {
        const int e = errno;
        ::unlink(temp.c_str());
        throw std::runtime_error("cannot replace " + file.string() + ": " + std::strerror(e));
    }
}

}  // namespace rs::storage
