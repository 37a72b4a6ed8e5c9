#pragma once
// Light and dark palettes on the Fusion style (identical on every platform), or the system's, and
// the studio's icons.

#include <QIcon>
#include <QString>
#include <QStyle>

namespace lsui {

enum class Theme { System, Light, Dark };

void applyTheme(Theme theme);          // needs a QApplication
QString themeKey(Theme theme);         // "system" | "light" | "dark" (settings value)
Theme themeFromKey(const QString& key);

// The studio's own icon :/icons/<name>.svg, or the style's standard pixmap where it has none.
QIcon themedIcon(const char* name, QStyle::StandardPixmap fallback);

} // namespace lsui
