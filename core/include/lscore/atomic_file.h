#pragma once
// Reading and writing whole files safely: the one implementation every reader and writer of the
// project uses (model files, sessions, PNGs, exports, manifests).
//
//   auto bytes = lscore::readRegularFile(path, 64 << 20, "the session file");
//   if (Status s = lscore::writeFileAtomic("look.lstudio", text); !s) showError(s.error());
//
// Reading opens the path without blocking and refuses anything but a regular file (a FIFO would
// block forever, /dev/zero never ends, a folder fails obscurely) and anything over `maxBytes`.
//
// Writing goes to a temporary file beside the target (same folder, so the rename is atomic; its
// name holds the process id, a counter and random bits, so concurrent writers never collide),
// is flushed to disk, then renamed over the target: readers see the old file or the new one, never
// half of one, and a failed write (a full disk: "the disk is full") leaves the old file intact.
// A target that is a symbolic link is written through (the link stays, its file is replaced); a
// target that exists but is no regular file — a device such as /dev/null, a FIFO, a folder — is
// refused, never renamed over.
//
// Thread safety: free functions; concurrent writers of different paths are independent.

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lscore/result.h"

namespace lscore {

// `what` names the file in messages ("the session file"). A large file is read in pieces; when
// `cancel` is given and becomes true, the read stops with the error kReadCancelled.
inline constexpr std::string_view kReadCancelled = "cancelled";
Result<std::vector<std::uint8_t>> readRegularFile(const std::string& path, std::uint64_t maxBytes, std::string_view what,
                                                  const std::atomic_bool* cancel = nullptr);

Status writeFileAtomic(const std::string& path, std::span<const std::uint8_t> bytes);
Status writeFileAtomic(const std::string& path, std::string_view text);

// Why `path` cannot be read as a file (missing, a FIFO — which would block the reader forever —,
// a device or a folder), checked without opening it; success for a regular file.
Status checkRegularFile(const std::string& path, std::string_view what);

// Why `path` cannot be replaced by writeFileAtomic() (a device, FIFO or folder); success otherwise.
Status checkWritableTarget(const std::string& path);

// "the disk is full" for ENOSPC / EDQUOT, else strerror(error).
std::string describeWriteError(int error);

} // namespace lscore
