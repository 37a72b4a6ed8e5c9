// The dependency-free PNG writer, checked by reading its files back with Qt's PNG decoder (libpng).
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <QtTest/QtTest>
#include <QImage>

#include "lscore/png_writer.h"

namespace {

lscore::Image patternImage(int width, int height) {
    lscore::Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* pixel = image.row(y) + 3 * x;
            pixel[0] = static_cast<std::uint8_t>(x * 7 + y);
            pixel[1] = static_cast<std::uint8_t>(y * 13 + (x >> 3));
            pixel[2] = static_cast<std::uint8_t>((x * y) ^ 0x5a);
        }
    }
    return image;
}

} // namespace

class TestPngWriter : public QObject {
    Q_OBJECT
private slots:
    void pixelsSurviveQtDecoding_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("1x1") << 1 << 1;
        QTest::newRow("7x3") << 7 << 3;
        QTest::newRow("several deflate blocks") << 300 << 250;   // 225,250 raw bytes: 4 stored blocks
        QTest::newRow("several IDAT chunks") << 700 << 600;      // 1.26 MB stream: 2 IDAT chunks
        QTest::newRow("one long row") << 30000 << 1;              // a row longer than a stored block
    }

    void pixelsSurviveQtDecoding()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        const lscore::Image image = patternImage(width, height);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grid.png"));
        const lscore::Status status = lscore::writePng(path.toStdString(), image);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().c_str());
        QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));

        QImage decoded;
        QVERIFY2(decoded.load(path, "PNG"), "Qt could not decode the PNG");
        QCOMPARE(decoded.width(), width);
        QCOMPARE(decoded.height(), height);
        decoded = decoded.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < height; ++y) {
            if (std::memcmp(decoded.constScanLine(y), image.row(y), static_cast<std::size_t>(width) * 3) != 0)
                QFAIL(qPrintable(QStringLiteral("row %1 differs").arg(y)));
        }
        // The file on disk is exactly what encodePng() returns.
        std::ifstream in(path.toStdString(), std::ios::binary);
        const std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::vector<std::byte> encoded = lscore::encodePng(image);
        QCOMPARE(file.size(), encoded.size());
        QVERIFY(std::memcmp(file.data(), encoded.data(), encoded.size()) == 0);
    }

    void textChunksAreReadBack()
    {
        const std::string editState = R"({"prompt_a":"a red star","seed_a":42,"psi":0.7})";
        const std::string international = "红色的星星 über Straße";
        const lscore::PngTextChunks chunks = {
            {"latent-studio:edit-state", editState},
            {"latent-studio:model-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
            {"Description", international},
            {"Empty", ""},
        };
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.png"));
        const lscore::Status status = lscore::writePng(path.toStdString(), patternImage(16, 8), chunks);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().c_str());
        QImage decoded(path, "PNG");
        QVERIFY(!decoded.isNull());
        for (const auto& [key, value] : chunks)
            QCOMPARE(decoded.text(QString::fromStdString(key)), QString::fromStdString(value));
    }

    void invalidInputIsRefused_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("rgbBytes");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expectedPhrase");
        QTest::newRow("empty image") << 0 << 0 << 0 << QByteArray() << QByteArray() << QStringLiteral("at least 1");
        QTest::newRow("negative width") << -4 << 2 << 0 << QByteArray() << QByteArray() << QStringLiteral("at least 1");
        QTest::newRow("too few bytes") << 4 << 4 << 47 << QByteArray() << QByteArray() << QStringLiteral("needs 48");
        QTest::newRow("empty key") << 2 << 2 << 12 << QByteArray("") << QByteArray("v") << QStringLiteral("1 to 79");
        QTest::newRow("key of 80 characters") << 2 << 2 << 12 << QByteArray(80, 'k') << QByteArray("v")
                                              << QStringLiteral("1 to 79");
        QTest::newRow("key with leading space") << 2 << 2 << 12 << QByteArray(" key") << QByteArray("v")
                                                << QStringLiteral("start or end with a space");
        QTest::newRow("key beyond Latin-1") << 2 << 2 << 12 << QByteArray("星") << QByteArray("v")
                                            << QStringLiteral("not printable Latin-1");
        QTest::newRow("value with NUL") << 2 << 2 << 12 << QByteArray("k") << QByteArray("a\0b", 3)
                                        << QStringLiteral("NUL");
        QTest::newRow("value not UTF-8") << 2 << 2 << 12 << QByteArray("k") << QByteArray("\xff\xfe")
                                         << QStringLiteral("not valid UTF-8");
    }

    void invalidInputIsRefused()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, rgbBytes);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, value);
        QFETCH(QString, expectedPhrase);
        const lscore::Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(rgbBytes), 9)};
        lscore::PngTextChunks chunks;
        if (!value.isNull()) chunks.emplace_back(key.toStdString(), value.toStdString());
        QVERIFY(lscore::encodePng(image, chunks).empty());
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.png")).toStdString();
        const lscore::Status status = lscore::writePng(path, image, chunks);
        QVERIFY(!status.ok());
        QVERIFY2(QString::fromStdString(status.error()).contains(expectedPhrase), status.error().c_str());
        QVERIFY(!std::filesystem::exists(path));
    }

    void latin1KeyIsAccepted()
    {
        const lscore::PngTextChunks chunks = {{"Größe", "42"}};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("latin1.png"));
        QVERIFY(lscore::writePng(path.toStdString(), patternImage(2, 2), chunks).ok());
        QCOMPARE(QImage(path, "PNG").text(QStringLiteral("Größe")), QStringLiteral("42"));
    }

    void unwritableDirectoryGivesClearError()
    {
        const lscore::Status status = lscore::writePng("/nonexistent-latent-studio-dir/a.png", patternImage(2, 2));
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find("/nonexistent-latent-studio-dir/a.png") != std::string::npos, status.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestPngWriter)
#include "test_png_writer.moc"
