#include "lsmedia/image_ops.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "image_convert.h"

namespace lsmedia {

lscore::Image resizeImage(const lscore::Image& image, int width, int height, ResizeFilter filter)
{
    if (width <= 0 || height <= 0 || image.isNull() || (width == image.width && height == image.height)) return image;
    const cv::Mat source(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.rgb.data()));
    int interpolation = cv::INTER_NEAREST;
    if (filter == ResizeFilter::Smooth) {
        const bool shrinking = width < image.width || height < image.height;
        interpolation = shrinking ? cv::INTER_AREA : cv::INTER_LANCZOS4;
    }
    lscore::Image out;
    out.width = width;
    out.height = height;
    out.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    cv::Mat target(height, width, CV_8UC3, out.rgb.data());
    cv::resize(source, target, cv::Size(width, height), 0, 0, interpolation);
    return out;
}

lscore::Image contactSheet(const std::vector<lscore::Image>& frames, const std::vector<int>& frameNumbers, int columns)
{
    if (frames.empty()) return {};
    const int cellWidth = frames.front().width;
    const int cellHeight = frames.front().height;
    const int count = static_cast<int>(frames.size());
    if (columns <= 0) columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
    columns = std::clamp(columns, 1, count);
    const int rows = (count + columns - 1) / columns;
    constexpr int kGap = 2;
    lscore::Image sheet;
    sheet.width = columns * cellWidth + (columns + 1) * kGap;
    sheet.height = rows * cellHeight + (rows + 1) * kGap;
    sheet.rgb.assign(static_cast<std::size_t>(sheet.width) * sheet.height * 3, 24);   // dark grey gaps
    cv::Mat canvas(sheet.height, sheet.width, CV_8UC3, sheet.rgb.data());

    // Label height scales with the cell so numbers stay legible on small and large frames alike.
    const double fontScale = std::clamp(cellHeight / 160.0, 0.3, 1.5);
    const int thickness = fontScale > 0.8 ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        const lscore::Image& frame = frames[static_cast<std::size_t>(i)];
        const int x = kGap + (i % columns) * (cellWidth + kGap);
        const int y = kGap + (i / columns) * (cellHeight + kGap);
        const lscore::Image fitted = (frame.width == cellWidth && frame.height == cellHeight)
                                         ? frame
                                         : resizeImage(frame, cellWidth, cellHeight);
        const cv::Mat cell(cellHeight, cellWidth, CV_8UC3, const_cast<std::uint8_t*>(fitted.rgb.data()));
        cell.copyTo(canvas(cv::Rect(x, y, cellWidth, cellHeight)));

        const int number = i < static_cast<int>(frameNumbers.size()) ? frameNumbers[static_cast<std::size_t>(i)] : i;
        const std::string label = std::to_string(number);
        int baseline = 0;
        const cv::Size textSize = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, fontScale, thickness, &baseline);
        const cv::Rect box(x, y, std::min(cellWidth, textSize.width + 4), std::min(cellHeight, textSize.height + baseline + 4));
        cv::Mat labelBackground = canvas(box);
        labelBackground.convertTo(labelBackground, -1, 0.35);   // darken behind the label so it reads on any frame
        cv::putText(canvas, label, cv::Point(x + 2, y + 2 + textSize.height), cv::FONT_HERSHEY_SIMPLEX, fontScale,
                    cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
    }
    return sheet;
}

} // namespace lsmedia
