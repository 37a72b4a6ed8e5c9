#pragma once
// Checked file writing for the exporter's probes and placeholders. Every write is checked (a full
// disk or a file size limit surfaces as an error naming the file, never as a silently truncated
// output). Whole files that replace others go through lscore::writeFileAtomic instead.
//
//   if (auto status = lsmedia::writeFileChecked("out/frame_000001.png", bytes); !status) fail(status.error());

#include <cstdint>
#include <span>
#include <string>

#include "lscore/result.h"

namespace lsmedia {

// Writes bytes to path (created or truncated), checking every write and the final close.
lscore::Status writeFileChecked(const std::string& path, std::span<const std::uint8_t> bytes);
lscore::Status writeFileChecked(const std::string& path, const std::string& text);

} // namespace lsmedia
