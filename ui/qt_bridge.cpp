#include "qt_bridge.h"

#include <cstring>

namespace lsui {

QImage toQImage(const lscore::Image& image)
{
    if (image.isNull())
        return {};
    const auto rowBytes = static_cast<std::size_t>(image.width) * 3;
    if (image.rgb.size() != rowBytes * static_cast<std::size_t>(image.height))
        return {};
    QImage result(image.width, image.height, QImage::Format_RGB888);
    if (result.isNull())
        return {};  // allocation refused (absurd size)
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.row(y), rowBytes);
    return result;
}

lscore::Image fromQImage(const QImage& image)
{
    lscore::Image result;
    if (image.isNull())
        return result;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    result.width = rgb.width();
    result.height = rgb.height();
    const auto rowBytes = static_cast<std::size_t>(rgb.width()) * 3;
    result.rgb.resize(rowBytes * static_cast<std::size_t>(rgb.height()));
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(result.row(y), rgb.constScanLine(y), rowBytes);
    return result;
}

} // namespace lsui
