#pragma once
// Private to lsmedia: lscore::Image (RGB8) ↔ cv::Mat (BGR8, OpenCV's channel order).

#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "lscore/image.h"

namespace lsmedia {

inline cv::Mat toBgrMat(const lscore::Image& image)
{
    // The wrapper shares the Image's bytes; cvtColor writes a fresh BGR Mat.
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.rgb.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

inline lscore::Image fromBgrMat(const cv::Mat& bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    lscore::Image image;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.rgb.resize(static_cast<std::size_t>(rgb.cols) * rgb.rows * 3);
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(image.row(y), rgb.ptr(y), static_cast<std::size_t>(rgb.cols) * 3);
    return image;
}

} // namespace lsmedia
