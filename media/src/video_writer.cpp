#include "lsmedia/video_writer.h"

#include <array>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include "image_convert.h"

namespace lsmedia {

struct Mp4Writer::Impl {
    cv::VideoWriter writer;
    int width = 0;
    int height = 0;
};

Mp4Writer::Mp4Writer() : m_impl(std::make_unique<Impl>()) {}

Mp4Writer::~Mp4Writer()
{
    (void)close();
}

lscore::Result<std::unique_ptr<Mp4Writer>> Mp4Writer::open(const std::string& path, int width, int height, double fps)
{
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        return lscore::makeError("MP4 video needs an even width and height (got " + std::to_string(width) + "x" +
                                 std::to_string(height) + "); choose another --size.");
    if (!(fps >= 1.0 && fps <= 240.0))
        return lscore::makeError("The frame rate must be between 1 and 240 fps (got " + std::to_string(fps) + ").");

    struct Candidate {
        std::array<char, 4> fourcc;
        const char* name;
    };
    // H.264 plays everywhere; MPEG-4 Part 2 is what FFmpeg builds without an H.264 encoder still have.
    static constexpr std::array<Candidate, 3> candidates = {{
        {{'a', 'v', 'c', '1'}, "H.264 (avc1)"},
        {{'H', '2', '6', '4'}, "H.264 (H264)"},
        {{'m', 'p', '4', 'v'}, "MPEG-4 Part 2 (mp4v)"},
    }};
    std::unique_ptr<Mp4Writer> writer(new Mp4Writer());
    writer->m_impl->width = width;
    writer->m_impl->height = height;
    for (const Candidate& candidate : candidates) {
        try {
            const int fourcc = cv::VideoWriter::fourcc(candidate.fourcc[0], candidate.fourcc[1], candidate.fourcc[2],
                                                       candidate.fourcc[3]);
            if (writer->m_impl->writer.open(path, cv::CAP_FFMPEG, fourcc, fps, cv::Size(width, height), true) &&
                writer->m_impl->writer.isOpened()) {
                writer->m_codec = candidate.name;
                return writer;
            }
        } catch (const cv::Exception&) {
            // try the next codec
        }
    }
    return lscore::makeError("Cannot write the video " + path +
                             ": OpenCV's FFmpeg backend opened neither H.264 nor MPEG-4 (is the directory writable?).");
}

lscore::Status Mp4Writer::write(const lscore::Image& frame)
{
    if (!m_impl->writer.isOpened()) return lscore::makeError("The video writer is closed.");
    if (frame.width != m_impl->width || frame.height != m_impl->height)
        return lscore::makeError("Video frames must all be " + std::to_string(m_impl->width) + "x" +
                                 std::to_string(m_impl->height) + ".");
    try {
        m_impl->writer.write(toBgrMat(frame));
    } catch (const cv::Exception& exception) {
        return lscore::makeError(std::string("Cannot write a video frame: ") + exception.what());
    }
    ++m_frames;
    return lscore::Status::success();
}

lscore::Status Mp4Writer::close()
{
    if (!m_impl || !m_impl->writer.isOpened()) return lscore::Status::success();
    try {
        m_impl->writer.release();
    } catch (const cv::Exception& exception) {
        return lscore::makeError(std::string("Cannot finish the video: ") + exception.what());
    }
    return lscore::Status::success();
}

lscore::Result<VideoInfo> readVideoInfo(const std::string& path)
{
    try {
        cv::VideoCapture capture(path, cv::CAP_FFMPEG);
        if (!capture.isOpened()) return lscore::makeError("Cannot open the video " + path + ".");
        VideoInfo info;
        info.fps = capture.get(cv::CAP_PROP_FPS);
        cv::Mat frame;
        while (capture.read(frame)) {
            if (info.frameCount == 0) {
                info.width = frame.cols;
                info.height = frame.rows;
            }
            ++info.frameCount;
        }
        return info;
    } catch (const cv::Exception& exception) {
        return lscore::makeError("Cannot read the video " + path + ": " + exception.what());
    }
}

} // namespace lsmedia
