#pragma once
// Light and dark palettes on the Fusion style (identical on every platform), or the system's.

#include <QString>

namespace lsui {

enum class Theme { System, Light, Dark };

void applyTheme(Theme theme);          // needs a QApplication
QString themeKey(Theme theme);         // "system" | "light" | "dark" (settings value)
Theme themeFromKey(const QString& key);

} // namespace lsui
