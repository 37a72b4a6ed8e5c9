#include "lscore/atomic_file.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lscore {
namespace {

std::string uniqueSuffix()
{
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937 random{std::random_device{}()};
    return ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + "-"
           + std::to_string(random() % 1000000u);
}

// Where the bytes go: the target itself, or the file a symbolic link points to.
Result<std::string> resolveTarget(const std::string& path)
{
    struct stat info{};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return path;
        return makeError("Cannot write " + path + ": " + std::strerror(errno) + ".");
    }
    if (S_ISLNK(info.st_mode)) {
        std::error_code error;
        const auto target = std::filesystem::weakly_canonical(path, error);
        if (error) return makeError("Cannot write " + path + ": its symbolic link cannot be followed (" + error.message() + ").");
        if (Status s = checkWritableTarget(target.string()); !s) return Error{s.error()};
        return target.string();
    }
    if (Status s = checkWritableTarget(path); !s) return Error{s.error()};
    return path;
}

// "a folder", "a FIFO", … for what stat() says a path is.
const char* describeFileKind(mode_t mode)
{
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    return "a device";
}

} // namespace

std::string describeWriteError(int error)
{
    if (error == ENOSPC || error == EDQUOT) return "the disk is full";
    return std::strerror(error);
}

Status checkWritableTarget(const std::string& path)
{
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0) return Status::success();   // does not exist yet
    if (S_ISREG(info.st_mode)) return Status::success();
    return makeError("Cannot write " + path + ": it is " + describeFileKind(info.st_mode) + ", not a regular file; choose a file name.");
}

Status checkRegularFile(const std::string& path, std::string_view what)
{
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0)
        return makeError("Cannot open " + std::string(what) + " " + path + ": " + std::strerror(errno) + ".");
    if (S_ISREG(info.st_mode)) return Status::success();
    return makeError("Cannot read " + std::string(what) + " " + path + ": it is " + describeFileKind(info.st_mode) + ", not a regular file.");
}

Result<std::vector<std::uint8_t>> readRegularFile(const std::string& path, std::uint64_t maxBytes, std::string_view what,
                                                  const std::atomic_bool* cancel)
{
    const std::string name = std::string(what) + " " + path;
    // O_NONBLOCK: opening a FIFO with no writer would otherwise block forever before fstat could refuse it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return makeError("Cannot open " + name + ": " + std::strerror(errno) + ".");
    struct stat info{};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError("Cannot read " + name + ": " + std::strerror(error) + ".");
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return makeError("Cannot read " + name + ": it is " + describeFileKind(info.st_mode) + ", not a regular file.");
    }
    if (static_cast<std::uint64_t>(info.st_size) > maxBytes) {
        ::close(fd);
        return makeError("Cannot read " + name + ": it is " + std::to_string(info.st_size / (1024 * 1024)) + " MiB, more than "
                         + std::to_string(maxBytes / (1024 * 1024)) + " MiB such a file can be. Is this the right file?");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    // Pieces of 32 MiB: a multi-gigabyte model takes seconds to read, and a cancel must not wait for all of it.
    constexpr std::size_t kPiece = std::size_t{32} << 20;
    while (done < bytes.size()) {
        if (cancel && cancel->load()) {
            ::close(fd);
            return makeError(std::string(kReadCancelled));
        }
        const ssize_t n = ::read(fd, bytes.data() + done, std::min(kPiece, bytes.size() - done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return makeError("Cannot read " + name + ": " + std::strerror(error) + ".");
        }
        if (n == 0) break;   // the file shrank while being read: return what is there
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(done);
    return bytes;
}

Status writeFileAtomic(const std::string& path, std::span<const std::uint8_t> bytes)
{
    auto target = resolveTarget(path);
    if (!target) return Error{target.error()};
    const std::string temp = *target + uniqueSuffix();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return makeError("Cannot write " + path + ": " + describeWriteError(errno) + ".");
    auto fail = [&](int error) {
        ::close(fd);
        ::unlink(temp.c_str());
        return makeError("Cannot write " + path + ": " + describeWriteError(error) + "; the previous file, if any, is unchanged.");
    };
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(n < 0 ? errno : ENOSPC);
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail(errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        return makeError("Cannot write " + path + ": " + describeWriteError(error) + "; the previous file, if any, is unchanged.");
    }
    if (std::rename(temp.c_str(), target->c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        return makeError("Cannot replace " + path + ": " + describeWriteError(error) + ".");
    }
    return Status::success();
}

Status writeFileAtomic(const std::string& path, std::string_view text)
{
    return writeFileAtomic(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

} // namespace lscore
