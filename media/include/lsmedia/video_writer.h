#pragma once
// MP4 through OpenCV's FFmpeg backend. H.264 is tried first ('avc1', then 'H264'); where this build of
// FFmpeg has no H.264 encoder the writer falls back to MPEG-4 Part 2 ('mp4v') and says so in codec().
//
//   auto writer = lsmedia::Mp4Writer::open("out.mp4", 128, 128, 24);
//   if (!writer) fail(writer.error());
//   for (const auto& frame : frames) if (auto s = (*writer)->write(frame); !s) fail(s.error());
//   if (auto s = (*writer)->close(); !s) fail(s.error());
//   std::cout << (*writer)->codec();   // e.g. "H.264 (avc1)"
//
// OpenCV reports no error for a failed frame write, so callers that must know verify the file with
// readVideoInfo() after close() (the exporter does).

#include <memory>
#include <string>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lsmedia {

struct VideoInfo {
    int frameCount = 0;   // frames actually decodable
    int width = 0;
    int height = 0;
    double fps = 0.0;
};

class Mp4Writer {
public:
    // The path must end in .mp4 (OpenCV picks the container from it). Width and height must be even
    // (4:2:0 video); fps 1–240.
    static lscore::Result<std::unique_ptr<Mp4Writer>> open(const std::string& path, int width, int height, double fps);
    ~Mp4Writer();
    Mp4Writer(const Mp4Writer&) = delete;
    Mp4Writer& operator=(const Mp4Writer&) = delete;

    lscore::Status write(const lscore::Image& frame);   // frame must have the writer's size
    lscore::Status close();                              // flushes; idempotent
    const std::string& codec() const { return m_codec; }
    int framesWritten() const { return m_frames; }

private:
    struct Impl;
    Mp4Writer();
    std::unique_ptr<Impl> m_impl;
    std::string m_codec;
    int m_frames = 0;
};

// Opens a video with OpenCV and decodes every frame to count them (frame counts in headers lie).
lscore::Result<VideoInfo> readVideoInfo(const std::string& path);

} // namespace lsmedia
