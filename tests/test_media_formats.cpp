// Every format the exporter writes is readable back by an independent reader: PNG text chunks and
// pixels (OpenCV), MP4 (OpenCV VideoCapture: frame count and size), GIF (giflib DGifSlurp: frame
// count, size, loop extension, delays), plus the CRC/SHA primitives and a size-limited write.
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gif_lib.h>
#include <sys/resource.h>

#include <QtTest/QtTest>

#include "lscore/session.h"
#include "lsmedia/file_io.h"
#include "lsmedia/gif_writer.h"
#include "lsmedia/image_ops.h"
#include "lsmedia/video_writer.h"

Q_DECLARE_METATYPE(lsmedia::GifDither)

namespace {

// A smooth, colourful test picture that moves with `phase`: gradients show banding, edges show blur.
lscore::Image testPattern(int width, int height, int phase = 0)
{
    lscore::Image image;
    image.width = width;
    image.height = height;
    image.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            std::uint8_t* p = image.row(y) + x * 3;
            p[0] = static_cast<std::uint8_t>((x * 255) / std::max(1, width - 1));
            p[1] = static_cast<std::uint8_t>((y * 255) / std::max(1, height - 1));
            p[2] = static_cast<std::uint8_t>(((x + y + phase * 7) * 4) & 0xFF);
        }
    return image;
}

struct GifFacts {
    int frames = 0;
    int width = 0;
    int height = 0;
    bool hasLoopExtension = false;
    int loopCount = -1;
    int totalDelay = 0;
    std::vector<lscore::Image> decoded;
};

GifFacts slurpGif(const std::string& path)
{
    GifFacts facts;
    int error = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
    if (!gif) return facts;
    if (DGifSlurp(gif) != GIF_OK) {
        DGifCloseFile(gif, &error);
        return facts;
    }
    facts.frames = gif->ImageCount;
    facts.width = gif->SWidth;
    facts.height = gif->SHeight;
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage& image = gif->SavedImages[i];
        for (int b = 0; b < image.ExtensionBlockCount; ++b) {
            const ExtensionBlock& block = image.ExtensionBlocks[b];
            if (block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 &&
                std::memcmp(block.Bytes, "NETSCAPE2.0", 11) == 0 && b + 1 < image.ExtensionBlockCount) {
                const ExtensionBlock& data = image.ExtensionBlocks[b + 1];
                if (data.ByteCount == 3 && data.Bytes[0] == 1) {
                    facts.hasLoopExtension = true;
                    facts.loopCount = data.Bytes[1] | (data.Bytes[2] << 8);
                }
            }
        }
        GraphicsControlBlock control;
        if (DGifSavedExtensionToGCB(gif, i, &control) == GIF_OK) facts.totalDelay += control.DelayTime;
        const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
        lscore::Image frame;
        frame.width = image.ImageDesc.Width;
        frame.height = image.ImageDesc.Height;
        frame.rgb.resize(static_cast<std::size_t>(frame.width) * frame.height * 3);
        for (int p = 0; p < frame.width * frame.height; ++p) {
            const GifColorType color = map->Colors[image.RasterBits[p]];
            frame.rgb[static_cast<std::size_t>(p) * 3] = color.Red;
            frame.rgb[static_cast<std::size_t>(p) * 3 + 1] = color.Green;
            frame.rgb[static_cast<std::size_t>(p) * 3 + 2] = color.Blue;
        }
        facts.decoded.push_back(std::move(frame));
    }
    DGifCloseFile(gif, &error);
    return facts;
}

// 4×4 block means: what remains of an image once dither patterns blur together.
lscore::Image blockAverage(const lscore::Image& image)
{
    lscore::Image out{image.width / 4, image.height / 4, {}};
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < 3; ++c) {
                int sum = 0;
                for (int dy = 0; dy < 4; ++dy)
                    for (int dx = 0; dx < 4; ++dx) sum += image.row(y * 4 + dy)[(x * 4 + dx) * 3 + c];
                out.row(y)[x * 3 + c] = static_cast<std::uint8_t>(sum / 16);
            }
    return out;
}

double meanAbsoluteError(const lscore::Image& a, const lscore::Image& b)
{
    double sum = 0.0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(int(a.rgb[i]) - int(b.rgb[i]));
    return sum / static_cast<double>(a.rgb.size());
}

} // namespace

class TestMediaFormats : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string file(const std::string& name) const { return m_dir.filePath(QString::fromStdString(name)).toStdString(); }

private slots:
    void mp4ReadsBackWithEveryFrame()
    {
        const std::string path = file("clip.mp4");
        auto writer = lsmedia::Mp4Writer::open(path, 64, 48, 24);
        QVERIFY2(writer.ok(), writer.ok() ? "" : writer.error().c_str());
        for (int i = 0; i < 30; ++i) QVERIFY((*writer)->write(testPattern(64, 48, i)).ok());
        QVERIFY(!(*writer)->write(testPattern(32, 32)).ok());   // wrong size refused
        QVERIFY((*writer)->close().ok());
        qInfo("MP4 codec: %s", (*writer)->codec().c_str());
        QVERIFY(!(*writer)->codec().empty());
        auto info = lsmedia::readVideoInfo(path);
        QVERIFY(info.ok());
        QCOMPARE(info->frameCount, 30);
        QCOMPARE(info->width, 64);
        QCOMPARE(info->height, 48);
        QVERIFY(std::abs(info->fps - 24.0) < 0.01);
    }

    void mp4RefusesOddSizes()
    {
        QVERIFY(!lsmedia::Mp4Writer::open(file("odd.mp4"), 63, 48, 24).ok());
        QVERIFY(!lsmedia::Mp4Writer::open(file("slow.mp4"), 64, 48, 0.5).ok());
    }

    void gifReadsBackWithLoopAndDelays_data()
    {
        QTest::addColumn<lsmedia::GifDither>("dither");
        QTest::newRow("none") << lsmedia::GifDither::None;
        QTest::newRow("ordered") << lsmedia::GifDither::Ordered;
        QTest::newRow("floyd-steinberg") << lsmedia::GifDither::FloydSteinberg;
    }
    void gifReadsBackWithLoopAndDelays()
    {
        QFETCH(lsmedia::GifDither, dither);
        std::vector<lscore::Image> frames;
        for (int i = 0; i < 12; ++i) {
            // Two smooth gradients and a per-frame blue level: a colour surface 256 entries can cover.
            lscore::Image frame = testPattern(48, 32, i);
            for (std::size_t p = 2; p < frame.rgb.size(); p += 3) frame.rgb[p] = static_cast<std::uint8_t>(60 + 10 * i);
            frames.push_back(std::move(frame));
        }
        lsmedia::GifOptions options;
        options.fps = 24;
        options.dither = dither;
        options.comment = std::string(600, 'c');   // longer than one GIF sub-block
        const std::string path = file("anim.gif");
        QVERIFY(lsmedia::writeGif(path, frames, options).ok());
        const GifFacts facts = slurpGif(path);
        QCOMPARE(facts.frames, 12);
        QCOMPARE(facts.width, 48);
        QCOMPARE(facts.height, 32);
        QVERIFY(facts.hasLoopExtension);
        QCOMPARE(facts.loopCount, 0);
        QCOMPARE(facts.totalDelay, 50);   // 12 frames at 24 fps = 0.5 s
        // ~18k distinct colours into 256: per-pixel error stays moderate, and dithering makes the
        // local average (what the eye sees) closer to the original than plain nearest colours.
        double blurredError = 0.0;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const double error = meanAbsoluteError(frames[i], facts.decoded[i]);
            QVERIFY2(error < 12.0, qPrintable(QStringLiteral("mean error %1").arg(error)));
            blurredError += meanAbsoluteError(blockAverage(frames[i]), blockAverage(facts.decoded[i])) / frames.size();
        }
        QVERIFY2(blurredError < (dither == lsmedia::GifDither::None ? 12.0 : 6.0),
                 qPrintable(QStringLiteral("blurred error %1").arg(blurredError)));
    }

    void gifWithFewColoursIsExact()
    {
        // 12 frames with 20 colours each, 240 in all: one global palette holds every one of them.
        std::vector<lscore::Image> frames;
        for (int i = 0; i < 12; ++i) {
            lscore::Image frame{40, 8, std::vector<std::uint8_t>(40 * 8 * 3)};
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 40; ++x) {
                    const int colour = i * 20 + x / 2;
                    std::uint8_t* p = frame.row(y) + x * 3;
                    p[0] = static_cast<std::uint8_t>((colour % 8) * 32);
                    p[1] = static_cast<std::uint8_t>(((colour / 8) % 8) * 32);
                    p[2] = static_cast<std::uint8_t>((colour / 64) * 48);
                }
            frames.push_back(std::move(frame));
        }
        lsmedia::GifOptions options;
        options.dither = lsmedia::GifDither::None;
        const std::string path = file("few.gif");
        QVERIFY(lsmedia::writeGif(path, frames, options).ok());
        const GifFacts facts = slurpGif(path);
        QCOMPARE(facts.frames, 12);
        for (std::size_t i = 0; i < frames.size(); ++i) QVERIFY(facts.decoded[i] == frames[i]);
    }

    void gifPlayOnceHasNoLoopExtension()
    {
        lsmedia::GifOptions options;
        options.loopCount = -1;
        const std::string path = file("once.gif");
        QVERIFY(lsmedia::writeGif(path, {testPattern(8, 8), testPattern(8, 8, 1)}, options).ok());
        QVERIFY(!slurpGif(path).hasLoopExtension);
        options.loopCount = 3;
        QVERIFY(lsmedia::writeGif(path, {testPattern(8, 8)}, options).ok());
        QCOMPARE(slurpGif(path).loopCount, 3);
    }

    void gifDelaysTrackOddFrameRates()
    {
        int total = 0;
        for (int i = 0; i < 30; ++i) total += lsmedia::gifFrameDelay(i, 30.0);
        QCOMPARE(total, 100);   // 30 frames at 30 fps = exactly one second
        QCOMPARE(lsmedia::gifFrameDelay(0, 240.0), 2);
    }

    void paletteCoversRareColoursAcrossFrames()
    {
        // Frame 0 is all red, frame 1 all blue: a palette from the first frame alone would lose blue.
        lscore::Image red{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 0)};
        lscore::Image blue = red;
        for (int p = 0; p < 64; ++p) {
            red.rgb[static_cast<std::size_t>(p) * 3] = 255;
            blue.rgb[static_cast<std::size_t>(p) * 3 + 2] = 255;
        }
        const lsmedia::Palette palette = lsmedia::buildPalette({red, blue});
        bool hasRed = false;
        bool hasBlue = false;
        for (const auto& c : palette) {
            hasRed |= c[0] == 255 && c[2] == 0;
            hasBlue |= c[2] == 255 && c[0] == 0;
        }
        QVERIFY(hasRed && hasBlue);
    }

    void contactSheetLayout()
    {
        std::vector<lscore::Image> frames;
        std::vector<int> numbers;
        for (int i = 0; i < 10; ++i) {
            frames.push_back(testPattern(32, 32, i));
            numbers.push_back(100 + i);
        }
        const lscore::Image sheet = lsmedia::contactSheet(frames, numbers);
        QCOMPARE(sheet.width, 4 * 32 + 5 * 2);   // ceil(sqrt(10)) = 4 columns, 2 px gaps
        QCOMPARE(sheet.height, 3 * 32 + 4 * 2);
        // The bottom-right of a cell is untouched by the label: it shows the frame.
        const std::uint8_t* cellPixel = sheet.row(2 + 31) + (2 + 31) * 3;
        const std::uint8_t* framePixel = frames[0].row(31) + 31 * 3;
        QVERIFY(std::memcmp(cellPixel, framePixel, 3) == 0);
        const lscore::Image wide = lsmedia::contactSheet(frames, numbers, 10);
        QCOMPARE(wide.height, 32 + 4);
    }

    void upscalingFilters()
    {
        const lscore::Image small = testPattern(16, 16);
        const lscore::Image nearest = lsmedia::resizeImage(small, 64, 64, lsmedia::ResizeFilter::Nearest);
        QCOMPARE(nearest.width, 64);
        // Nearest keeps hard 4×4 blocks of the source pixels.
        QVERIFY(std::memcmp(nearest.row(5) + 6 * 3, small.row(1) + 1 * 3, 3) == 0);
        const lscore::Image smooth = lsmedia::resizeImage(small, 64, 64);
        QCOMPARE(smooth.height, 64);
        QVERIFY(!(smooth == nearest));
        const lscore::Image back = lsmedia::resizeImage(smooth, 16, 16);
        QVERIFY(meanAbsoluteError(back, small) < 6.0);
        QVERIFY(lsmedia::resizeImage(small, 16, 16) == small);
    }

    void fullDiskIsReportedNotIgnored()
    {
        // RLIMIT_FSIZE stands in for a full disk: writes past the limit fail with EFBIG (SIGXFSZ ignored).
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit previous{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
        rlimit limited = previous;
        limited.rlim_cur = 4096;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        const lscore::Status small = lsmedia::writeFileChecked(file("small.bin"), std::string(1000, 's'));
        const lscore::Status big = lsmedia::writeFileChecked(file("big.bin"), std::string(100000, 'b'));
        std::vector<lscore::Image> frames;
        for (int i = 0; i < 20; ++i) frames.push_back(testPattern(64, 64, i));
        const lscore::Status gif = lsmedia::writeGif(file("big.gif"), frames, {});
        setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(small.ok());
        QVERIFY(!big.ok());
        QVERIFY2(big.error().find("big.bin") != std::string::npos, big.error().c_str());
        QVERIFY(!gif.ok());
        QVERIFY2(gif.error().find("big.gif") != std::string::npos, gif.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestMediaFormats)
#include "test_media_formats.moc"
