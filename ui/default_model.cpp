#include "default_model.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace lsui {

namespace {

constexpr const char* kDefaultModelFile = "shapes-world-128.safetensors";

bool isReadableFile(const QString& path)
{
    const QFileInfo info(path);
    return !path.isEmpty() && info.isFile() && info.isReadable();
}

} // namespace

QString defaultModelPath()
{
    const QString fromEnvironment = qEnvironmentVariable("LATENT_STUDIO_MODEL");
    if (isReadableFile(fromEnvironment))
        return QFileInfo(fromEnvironment).absoluteFilePath();

    if (QCoreApplication::instance()) {
        const QString installed = QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("../share/latent-studio/models/")
                                                + QLatin1String(kDefaultModelFile));
        if (isReadableFile(installed))
            return QFileInfo(installed).canonicalFilePath();
    }

#ifdef LSTUDIO_SOURCE_DIR
    const QString inSourceTree = QStringLiteral(LSTUDIO_SOURCE_DIR "/resources/models/")
                                 + QLatin1String(kDefaultModelFile);
    if (isReadableFile(inSourceTree))
        return QFileInfo(inSourceTree).canonicalFilePath();
#endif
    return {};
}

} // namespace lsui
