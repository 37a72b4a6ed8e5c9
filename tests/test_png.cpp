// The project's one PNG encoder and decoder (lscore/png.h, on libpng) and the atomic file writer
// under it (lscore/atomic_file.h): pixels and every kind of text chunk survive both our reader and
// Qt's; a PNG Qt wrote (zTXt, iTXt) is read by ours; damaged and hostile files are refused; a write
// never replaces a device, FIFO or folder, follows a symbolic link, and a failure keeps the old file.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QtTest/QtTest>

#include "support/file_size_limit.h"
#include <QImage>

#include "lscore/atomic_file.h"
#include "lscore/png.h"

namespace {

lscore::Image patternImage(int width, int height)
{
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

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

class TestPng : public QObject {
    Q_OBJECT
private slots:
    void pixelsRoundTrip_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("1x1") << 1 << 1;
        QTest::newRow("7x3") << 7 << 3;
        QTest::newRow("700x600") << 700 << 600;
        QTest::newRow("the longest row") << lscore::kMaxPngSide << 1;
    }

    void pixelsRoundTrip()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        const lscore::Image image = patternImage(width, height);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grid.png"));
        const lscore::Status status = lscore::writePng(path.toStdString(), image);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);   // no temporary left beside it
        auto back = lscore::readPng(path.toStdString());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QVERIFY(back->image == image);
        QImage decoded;
        QVERIFY2(decoded.load(path, "PNG"), "Qt could not decode the PNG");
        decoded = decoded.convertToFormat(QImage::Format_RGB888);
        QCOMPARE(decoded.width(), width);
        for (int y = 0; y < height; ++y)
            if (std::memcmp(decoded.constScanLine(y), image.row(y), static_cast<std::size_t>(width) * 3) != 0)
                QFAIL(qPrintable(QStringLiteral("row %1 differs in Qt's decoding").arg(y)));
    }

    void pixelsAreCompressed()
    {
        // A flat grid compresses far below its raw size (the old stored-deflate writer did not).
        lscore::Image flat{768, 768, std::vector<std::uint8_t>(768 * 768 * 3, 200)};
        auto bytes = lscore::encodePng(flat);
        QVERIFY(bytes.ok());
        QVERIFY2(bytes->size() < 768 * 768 * 3 / 50, qPrintable(QString::number(bytes->size())));
    }

    // Every kind of value: short ASCII (tEXt), long ASCII (zTXt), non-ASCII (iTXt, long: compressed).
    void textChunksRoundTripThroughBothReaders()
    {
        const lscore::PngText text = {
            {"latent-studio:state", R"({"prompt_a":"a red star","seed_a":42})"},
            {"latent-studio:long", std::string(5000, 'k')},
            {"Description", "红色的星星 über Straße"},
            {"latent-studio:long-utf8", std::string(3000, 'x') + "ü"},
            {"Empty", ""},
            {"Größe", "42"},   // a Latin-1 keyword
        };
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.png"));
        QVERIFY(lscore::writePng(path.toStdString(), patternImage(16, 8), text).ok());
        auto back = lscore::readPng(path.toStdString(), false);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QVERIFY(back->text == text);
        QVERIFY(back->image.isNull());
        QImage decoded(path, "PNG");
        QVERIFY(!decoded.isNull());
        for (const auto& [key, value] : text) QCOMPARE(decoded.text(QString::fromStdString(key)), QString::fromStdString(value));
    }

    // What Qt writes (the studio wrote its PNGs with QImage before) reads back here, long values
    // (which Qt compresses into zTXt) included.
    void pngsWrittenByQtAreRead()
    {
        QImage image(8, 8, QImage::Format_RGB888);
        image.fill(Qt::red);
        const QString longState = QStringLiteral("{\"prompt_a\":\"") + QString(3000, QLatin1Char('a')) + QStringLiteral("\"}");
        image.setText(QStringLiteral("latent-studio:state"), longState);
        image.setText(QStringLiteral("latent-studio:model-name"), QStringLiteral("Formen — 形"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("qt.png"));
        QVERIFY(image.save(path, "PNG"));
        auto back = lscore::readPng(path.toStdString());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(QString::fromStdString(back->text.at("latent-studio:state")), longState);
        QCOMPARE(QString::fromStdString(back->text.at("latent-studio:model-name")), QStringLiteral("Formen — 形"));
        QCOMPARE(back->image.width, 8);
        QCOMPARE(back->image.rgb[0], std::uint8_t{255});
    }

    void damagedPngIsRefused()
    {
        auto bytes = lscore::encodePng(patternImage(16, 16), {{"Software", "Latent Studio"}});
        QVERIFY(bytes.ok());
        std::vector<std::uint8_t> flipped = *bytes;
        flipped[flipped.size() / 2] ^= 0x40;   // inside the image data
        QVERIFY(!lscore::decodePng(flipped).ok());
        std::vector<std::uint8_t> truncated(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(bytes->size() / 2));
        auto cut = lscore::decodePng(truncated);
        QVERIFY(!cut.ok());
        QVERIFY2(cut.error().find("damaged") != std::string::npos, cut.error().c_str());
        std::vector<std::uint8_t> huge = *bytes;
        huge[16] = 0x7F;   // IHDR width ~2^31
        QVERIFY(!lscore::decodePng(huge).ok());
        auto notPng = lscore::decodePng(std::vector<std::uint8_t>{1, 2, 3});
        QVERIFY(!notPng.ok());
        QVERIFY2(notPng.error().find("not a PNG") != std::string::npos, notPng.error().c_str());
    }

    void invalidInputIsRefused_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("rgbBytes");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expectedPhrase");
        QTest::newRow("empty image") << 0 << 0 << QByteArray("k") << QByteArray("v") << QStringLiteral("empty or inconsistent");
        QTest::newRow("too few bytes") << 4 << 47 << QByteArray("k") << QByteArray("v") << QStringLiteral("empty or inconsistent");
        QTest::newRow("too wide") << lscore::kMaxPngSide + 1 << (lscore::kMaxPngSide + 1) * 6 << QByteArray("k") << QByteArray("v")
                                  << QStringLiteral("pixels a side");
        QTest::newRow("empty key") << 2 << 12 << QByteArray("") << QByteArray("v") << QStringLiteral("1-79 printable");
        QTest::newRow("key of 80 characters") << 2 << 12 << QByteArray(80, 'k') << QByteArray("v") << QStringLiteral("1-79 printable");
        QTest::newRow("key with leading space") << 2 << 12 << QByteArray(" key") << QByteArray("v") << QStringLiteral("leading");
        QTest::newRow("key beyond Latin-1") << 2 << 12 << QByteArray("星") << QByteArray("v") << QStringLiteral("Latin-1");
        QTest::newRow("value not UTF-8") << 2 << 12 << QByteArray("k") << QByteArray("caf\xe9") << QStringLiteral("not valid UTF-8");
    }

    void invalidInputIsRefused()
    {
        QFETCH(int, width);
        QFETCH(int, rgbBytes);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, value);
        QFETCH(QString, expectedPhrase);
        const lscore::Image image{width, 2, std::vector<std::uint8_t>(static_cast<std::size_t>(rgbBytes), 9)};
        const lscore::PngText text{{key.toStdString(), value.toStdString()}};
        QVERIFY(!lscore::encodePng(image, text).ok());
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.png")).toStdString();
        const lscore::Status status = lscore::writePng(path, image, text);
        QVERIFY(!status.ok());
        QVERIFY2(QString::fromStdString(status.error()).contains(expectedPhrase), status.error().c_str());
        QVERIFY(!std::filesystem::exists(path));
    }

    // Writing never replaces what is not a regular file, follows a symbolic link to its file, and
    // leaves the old file when it cannot finish.
    void atomicWriterRespectsItsTarget()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        const std::string fifo = folder + "/pipe";
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto refused = lscore::writeFileAtomic(fifo, std::string_view("x"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().find("a FIFO, not a regular file") != std::string::npos, refused.error().c_str());
        struct stat info{};
        QVERIFY(::lstat(fifo.c_str(), &info) == 0 && S_ISFIFO(info.st_mode));
        auto device = lscore::writePng("/dev/null", patternImage(2, 2));
        QVERIFY(!device.ok());
        QVERIFY2(device.error().find("a device") != std::string::npos, device.error().c_str());
        QVERIFY(!lscore::writeFileAtomic(folder, std::string_view("x")).ok());

        const std::string real = folder + "/real.txt", link = folder + "/link.txt";
        QVERIFY(lscore::writeFileAtomic(real, std::string_view("old")).ok());
        std::filesystem::create_symlink(real, link);
        QVERIFY(lscore::writeFileAtomic(link, std::string_view("new")).ok());
        QVERIFY(std::filesystem::is_symlink(link));
        QCOMPARE(readAll(real), std::string("new"));

        auto missingFolder = lscore::writeFileAtomic(folder + "/no/such/folder/x.txt", std::string_view("x"));
        QVERIFY(!missingFolder.ok());
        QVERIFY2(missingFolder.error().find("/no/such/folder/x.txt") != std::string::npos, missingFolder.error().c_str());
    }

    // A full disk says so and keeps the old file (/dev/full fails every write with ENOSPC; its
    // folder is not writable as a temporary, so the failure is staged with a file-size limit).
    void fullDiskKeepsTheOldFileAndSaysSo()
    {
        QCOMPARE(lscore::describeWriteError(ENOSPC), std::string("the disk is full"));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("keep.png")).toStdString();
        QVERIFY(lscore::writePng(path, patternImage(4, 4)).ok());
        const std::string before = readAll(path);
        lscore::Status failed = lscore::Status::success();
        {
            const FileSizeLimit limit(1024);   // a full disk, as near as a test can stage one
            failed = lscore::writeFileAtomic(path, std::string(64 * 1024, 'x'));
        }
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().find("unchanged") != std::string::npos, failed.error().c_str());
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    // Reading refuses without blocking what is not a regular file, and what is too large.
    void readerRefusesWhatIsNoFile()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.path().toStdString() + "/model.safetensors";
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto fromFifo = lscore::readRegularFile(fifo, 1024, "the model");
        QVERIFY(!fromFifo.ok());
        QVERIFY2(fromFifo.error().find("a FIFO, not a regular file") != std::string::npos, fromFifo.error().c_str());
        auto fromFolder = lscore::readPng(dir.path().toStdString());
        QVERIFY(!fromFolder.ok());
        QVERIFY2(fromFolder.error().find("a folder") != std::string::npos, fromFolder.error().c_str());
        QVERIFY(!lscore::readRegularFile("/dev/zero", 1024, "the session file").ok());
        const std::string big = dir.path().toStdString() + "/big";
        QVERIFY(lscore::writeFileAtomic(big, std::string(4096, 'b')).ok());
        auto tooBig = lscore::readRegularFile(big, 1024, "the session file");
        QVERIFY(!tooBig.ok());
        auto fits = lscore::readRegularFile(big, 4096, "the session file");
        QVERIFY(fits.ok() && fits->size() == 4096);
    }
};

QTEST_GUILESS_MAIN(TestPng)
#include "test_png.moc"
