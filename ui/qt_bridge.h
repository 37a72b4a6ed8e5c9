#pragma once
// Conversions between the core's plain types (std::string, lscore::Image) and Qt's. The core never
// sees Qt; this header is the one place where the two meet.
//
//   QImage frame = lsui::toQImage(images.front());   // deep copy, safe to send across threads
//   QString name = lsui::toQString(description.name);

#include <string>

#include <QImage>
#include <QString>

#include "lscore/image.h"

namespace lsui {

inline QString toQString(const std::string& text) { return QString::fromStdString(text); }
inline std::string toStd(const QString& text) { return text.toStdString(); }

// A deep copy in QImage::Format_RGB888; a null QImage for a null or inconsistent lscore::Image.
QImage toQImage(const lscore::Image& image);

// The inverse, for tests and the exporter: converts any QImage to 8-bit RGB.
lscore::Image fromQImage(const QImage& image);

} // namespace lsui
