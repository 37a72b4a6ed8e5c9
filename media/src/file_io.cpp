#include "lsmedia/file_io.h"

#include "lscore/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace lsmedia {

lscore::Status writeFileChecked(const std::string& path, std::span<const std::uint8_t> bytes)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return lscore::makeError("Cannot create " + path + ": " + std::strerror(errno) + ".");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : ENOSPC;
            ::close(fd);
            return lscore::makeError("Cannot write " + path + ": " + lscore::describeWriteError(error) + ". The export stopped here.");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        return lscore::makeError("Cannot finish writing " + path + ": " + std::strerror(errno) + ".");
    return lscore::Status::success();
}

lscore::Status writeFileChecked(const std::string& path, const std::string& text)
{
    return writeFileChecked(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

} // namespace lsmedia
