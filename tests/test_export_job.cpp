// The export job end to end on the 32 px fixture model: range exports equal the full export and a
// direct Engine render, every output carries its metadata, each format reads back, and every bad
// input or failure (existing output, unwritable folder, full disk, bad range/fps, cancel) ends with
// a clear status and no finished-looking output.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gif_lib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QtTest/QtTest>

#include "support/file_size_limit.h"

#include "lscore/engine.h"
#include "lscore/session.h"
#include "lsmedia/export_job.h"
#include "lscore/png.h"
#include "lsmedia/video_writer.h"

namespace fs = std::filesystem;
using lsmedia::ExportFormat;
using lsmedia::ExportStatus;

namespace {

// A file's pixels through the project's PNG reader.
lscore::Result<lscore::Image> readPixels(const std::string& path)
{
    auto png = lscore::readPng(path);
    if (!png) return lscore::Error{png.error()};
    return png->image;
}

const std::string kFixture = std::string(LSTUDIO_TEST_DATA) + "/stylegan2-uncond-32.safetensors";

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in, nullptr, false);
}

int gifFrameCount(const std::string& path, bool* loops)
{
    int error = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
    if (!gif) return -1;
    int frames = -1;
    if (DGifSlurp(gif) == GIF_OK) {
        frames = gif->ImageCount;
        *loops = false;
        for (int b = 0; frames > 0 && b < gif->SavedImages[0].ExtensionBlockCount; ++b) {
            const ExtensionBlock& block = gif->SavedImages[0].ExtensionBlocks[b];
            *loops |= block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 &&
                      std::memcmp(block.Bytes, "NETSCAPE2.0", 11) == 0;
        }
    }
    DGifCloseFile(gif, &error);
    return frames;
}

} // namespace

class TestExportJob : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<lscore::Engine> m_engine;
    lscore::KeyframePath m_path;

    std::string out(const std::string& name) const { return (fs::path(m_dir.path().toStdString()) / name).string(); }

    lsmedia::ExportParams params(ExportFormat format, const std::string& output) const
    {
        lsmedia::ExportParams p;
        p.modelPath = kFixture;
        p.path = m_path;
        p.format = format;
        p.fps = 12;
        p.outputPath = output;
        p.batchSize = 4;
        p.sessionHash = std::string(64, '5');
        return p;
    }

private slots:
    void initTestCase()
    {
        auto engine = lscore::Engine::open(kFixture);
        QVERIFY2(engine.ok(), engine.ok() ? "" : engine.error().c_str());
        m_engine = std::move(engine).value();
        lscore::EditState base;
        base.truncationPsi = 0.8;
        m_path = lscore::KeyframePath::seedWalk(base, {11, 12, 13}, 4, true);   // 12 frames, loops
        QCOMPARE(m_path.frameCount(), 12);
    }

    void rangeExportsEqualTheFullExportAndDirectRenders()
    {
        auto full = params(ExportFormat::PngSequence, out("full"));
        const auto fullResult = lsmedia::runExport(full, nullptr, {}, m_engine.get());
        QVERIFY2(fullResult.ok(), fullResult.message.c_str());
        QCOMPARE(fullResult.framesWritten, 12);

        auto first = params(ExportFormat::PngSequence, out("part1"));
        first.frameBegin = 0;
        first.frameEnd = 5;
        auto second = params(ExportFormat::PngSequence, out("part2"));
        second.frameBegin = 5;
        second.frameEnd = 12;
        QVERIFY(lsmedia::runExport(first, nullptr, {}, m_engine.get()).ok());
        QVERIFY(lsmedia::runExport(second).ok());   // opens its own engine: same file, same pixels

        for (int f = 0; f < 12; ++f) {
            const std::string name = lsmedia::frameFileName(f);
            auto whole = readPixels(out("full") + "/" + name);
            auto part = readPixels(out(f < 5 ? "part1" : "part2") + "/" + name);
            QVERIFY2(whole.ok() && part.ok(), name.c_str());
            QVERIFY2(*whole == *part, qPrintable(QStringLiteral("frame %1 differs between full and range export").arg(f)));
        }
        // The same batches rendered directly through the Engine (as the studio does) give the same pixels.
        for (int batchStart = 0; batchStart < 12; batchStart += 4) {
            std::vector<lscore::EditState> states;
            for (int f = batchStart; f < batchStart + 4; ++f) states.push_back(m_path.stateAt(f));
            auto direct = m_engine->render(states);
            QVERIFY(direct.ok());
            for (int i = 0; i < 4; ++i) {
                auto whole = readPixels(out("full") + "/" + lsmedia::frameFileName(batchStart + i));
                QVERIFY2((*direct)[static_cast<std::size_t>(i)] == *whole,
                         qPrintable(QStringLiteral("frame %1 differs from a direct render").arg(batchStart + i)));
            }
        }
        QVERIFY(!fs::exists(out("part1") + "/" + lsmedia::frameFileName(5)));

        // Unbatched: every frame equals a single-image render.
        auto single = params(ExportFormat::PngSequence, out("single"));
        single.batchSize = 1;
        single.frameBegin = 2;
        single.frameEnd = 5;
        QVERIFY(lsmedia::runExport(single, nullptr, {}, m_engine.get()).ok());
        for (int f = 2; f < 5; ++f) {
            const lscore::EditState states[] = {m_path.stateAt(f)};
            auto direct = m_engine->render(states);
            QVERIFY(direct.ok());
            QVERIFY(direct->front() == *readPixels(out("single") + "/" + lsmedia::frameFileName(f)));
        }
    }

    void framesAndManifestCarryTheirMetadata()
    {
        const std::string folder = out("full");
        for (int f : {0, 3, 11}) {
            auto png = lscore::readPng(folder + "/" + lsmedia::frameFileName(f), false);
            QVERIFY(png.ok());
            const lscore::PngText* text = &png->text;
            auto state = lscore::EditState::fromJson(nlohmann::json::parse(text->at(lscore::kPngKeyState)));
            QVERIFY(state.ok());
            QVERIFY(*state == m_path.stateAt(f));
            QCOMPARE(text->at(lscore::kPngKeyModelHash), m_engine->modelHash());
            QCOMPARE(text->at(lsmedia::kPngKeyFrameIndex), std::to_string(f));
            QCOMPARE(text->at(lsmedia::kPngKeySessionHash), std::string(64, '5'));
        }
        const nlohmann::json manifest = readJson(folder + "/manifest.json");
        QCOMPARE(manifest["format"].get<std::string>(), std::string(lsmedia::kManifestFormatName));
        QCOMPARE(manifest["complete"].get<bool>(), true);
        QCOMPARE(manifest["model"]["sha256"].get<std::string>(), m_engine->modelHash());
        QCOMPARE(manifest["session"]["sha256"].get<std::string>(), std::string(64, '5'));
        QCOMPARE(manifest["frames_present"], nlohmann::json::parse("[[0,12]]"));
        QCOMPARE(manifest["frame_range"], nlohmann::json::parse("[0,12]"));
        QVERIFY(manifest["join"]["ffmpeg"].get<std::string>().find("frame_%06d.png") != std::string::npos);
        const nlohmann::json part = readJson(out("part2") + "/manifest-5-12.json");
        QCOMPARE(part["frames_present"], nlohmann::json::parse("[[5,12]]"));
    }

    // Shards of one export share a folder: each writes and replaces only its own frames and its own
    // manifest, one after the other or at the same time; a re-run of one shard with force leaves the
    // other whole; a shard's own frames still need force.
    void shardsShareAFolder()
    {
        const std::string folder = out("shared");
        auto shard = [&](int begin, int end, bool force) {
            auto p = params(ExportFormat::PngSequence, folder);
            p.frameBegin = begin;
            p.frameEnd = end;
            p.force = force;
            return p;
        };
        auto first = shard(0, 6, false), second = shard(6, 12, false);
        lsmedia::ExportResult a, b;
        {
            // At once: two engines, two threads, one folder.
            auto engineB = lscore::Engine::open(kFixture);
            QVERIFY(engineB.ok());
            std::thread other([&] { b = lsmedia::runExport(second, nullptr, {}, engineB->get()); });
            a = lsmedia::runExport(first, nullptr, {}, m_engine.get());
            other.join();
        }
        QVERIFY2(a.ok(), a.message.c_str());
        QVERIFY2(b.ok(), b.message.c_str());
        auto framesOnDisk = [&] {
            int count = 0;
            for (int f = 0; f < 12; ++f) count += fs::exists(folder + "/" + lsmedia::frameFileName(f));
            return count;
        };
        QCOMPARE(framesOnDisk(), 12);
        QCOMPARE(readJson(folder + "/manifest-0-6.json")["frames_present"], nlohmann::json::parse("[[0,6]]"));
        QCOMPARE(readJson(folder + "/manifest-6-12.json")["frames_present"], nlohmann::json::parse("[[6,12]]"));
        QVERIFY(readJson(folder + "/manifest-6-12.json")["complete"].get<bool>());

        const auto again = lsmedia::runExport(shard(0, 6, false), nullptr, {}, m_engine.get());
        QCOMPARE(again.status, lsmedia::ExportStatus::OutputExists);
        QVERIFY2(again.message.find("frames 0–5") != std::string::npos, again.message.c_str());
        const auto forced = lsmedia::runExport(shard(0, 6, true), nullptr, {}, m_engine.get());
        QVERIFY2(forced.ok(), forced.message.c_str());
        QCOMPARE(framesOnDisk(), 12);   // the other shard's frames are untouched
        QVERIFY(fs::exists(folder + "/manifest-6-12.json"));
        const auto full = lsmedia::runExport(params(ExportFormat::PngSequence, out("shared-reference")), nullptr, {}, m_engine.get());
        QVERIFY2(full.ok(), full.message.c_str());
        for (int f : {0, 7, 11}) {
            auto onDisk = readPixels(folder + "/" + lsmedia::frameFileName(f));
            auto whole = readPixels(out("shared-reference") + "/" + lsmedia::frameFileName(f));
            QVERIFY(onDisk.ok() && whole.ok());
            QVERIFY2(*onDisk == *whole, qPrintable(QStringLiteral("frame %1 differs from the full export").arg(f)));
        }
    }

    // One side given: the other follows at the model's (square) aspect ratio, and the manifest's join
    // command names the size written and a session path with spaces as one shell word.
    void oneSideGivenKeepsTheAspectRatio_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("width only") << 48 << 0;
        QTest::newRow("height only") << 0 << 48;
    }
    void oneSideGivenKeepsTheAspectRatio()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        auto p = params(ExportFormat::PngSequence, out(width ? "wide-only" : "high-only"));
        p.width = width;
        p.height = height;
        p.frameEnd = 2;
        p.sessionPath = "sessions/my session's file.lstudio";
        const auto result = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QVERIFY2(result.ok(), result.message.c_str());
        QCOMPARE(result.width, 48);
        QCOMPARE(result.height, 48);
        auto pixels = readPixels(p.outputPath + "/" + lsmedia::frameFileName(1));
        QVERIFY(pixels.ok());
        QCOMPARE(pixels->width, 48);
        QCOMPARE(pixels->height, 48);
        const std::string join = readJson(p.outputPath + "/manifest-0-2.json")["join"]["latent-studio"].get<std::string>();
        QVERIFY2(join.find("--size 48x48") != std::string::npos, join.c_str());
        QVERIFY2(join.find("--session 'sessions/my session'\\''s file.lstudio'") != std::string::npos, join.c_str());
    }

    void everyFormatReadsBack()
    {
        auto mp4 = params(ExportFormat::Mp4, out("clip.mp4"));
        mp4.width = 64;
        mp4.height = 64;
        const auto video = lsmedia::runExport(mp4, nullptr, {}, m_engine.get());
        QVERIFY2(video.ok(), video.message.c_str());
        QVERIFY(!video.codec.empty());
        auto info = lsmedia::readVideoInfo(out("clip.mp4"));
        QVERIFY(info.ok());
        QCOMPARE(info->frameCount, 12);
        QCOMPARE(info->width, 64);
        QCOMPARE(info->height, 64);
        QCOMPARE(readJson(out("clip.mp4.json"))["model"]["sha256"].get<std::string>(), m_engine->modelHash());

        const auto gif = lsmedia::runExport(params(ExportFormat::Gif, out("anim.gif")), nullptr, {}, m_engine.get());
        QVERIFY2(gif.ok(), gif.message.c_str());
        bool loops = false;
        QCOMPARE(gifFrameCount(out("anim.gif"), &loops), 12);
        QVERIFY(loops);

        auto sheetParams = params(ExportFormat::ContactSheet, out("sheet.png"));
        sheetParams.sheetColumns = 6;
        QVERIFY(lsmedia::runExport(sheetParams, nullptr, {}, m_engine.get()).ok());
        auto sheet = readPixels(out("sheet.png"));
        QVERIFY(sheet.ok());
        QCOMPARE(sheet->width, 6 * 32 + 7 * 2);
        QCOMPARE(sheet->height, 2 * 32 + 3 * 2);
        QCOMPARE(lscore::readPng(out("sheet.png"), false)->text.at(lscore::kPngKeyModelHash), m_engine->modelHash());

        // No temporary files are left beside the outputs.
        for (const auto& entry : fs::directory_iterator(m_dir.path().toStdString()))
            QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos, entry.path().c_str());
    }

    void existingOutputNeedsForce_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("png folder") << int(ExportFormat::PngSequence) << QStringLiteral("full");
        QTest::newRow("mp4 file") << int(ExportFormat::Mp4) << QStringLiteral("clip.mp4");
    }
    void existingOutputNeedsForce()
    {
        QFETCH(int, format);
        QFETCH(QString, name);
        const std::string path = out(name.toStdString());
        const auto before = fs::last_write_time(path);
        auto p = params(ExportFormat(format), path);
        const auto refused = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QCOMPARE(refused.status, ExportStatus::OutputExists);
        QVERIFY(refused.message.find("--force") != std::string::npos);
        QVERIFY(fs::last_write_time(path) == before);
        p.force = true;
        lscore::EditState base;
        p.path = lscore::KeyframePath::seedWalk(base, {11, 12}, 2);   // a shorter path: 3 frames
        const auto forced = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QVERIFY2(forced.ok(), forced.message.c_str());
        if (ExportFormat(format) == ExportFormat::PngSequence)
            QVERIFY(!fs::exists(path + "/" + lsmedia::frameFileName(8)));   // old frames do not linger
    }

    void invalidParametersAreRefused_data()
    {
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        QTest::addColumn<double>("fps");
        QTest::addColumn<int>("batch");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty range") << 5 << 5 << 24.0 << 4 << QStringLiteral("frame range");
        QTest::newRow("past the end") << 0 << 99 << 24.0 << 4 << QStringLiteral("frame range");
        QTest::newRow("negative start") << -1 << 4 << 24.0 << 4 << QStringLiteral("frame range");
        QTest::newRow("fps zero") << 0 << 4 << 0.0 << 4 << QStringLiteral("frame rate");
        QTest::newRow("fps huge") << 0 << 4 << 1000.0 << 4 << QStringLiteral("frame rate");
        QTest::newRow("batch zero") << 0 << 4 << 24.0 << 0 << QStringLiteral("batch");
    }
    void invalidParametersAreRefused()
    {
        QFETCH(int, begin);
        QFETCH(int, end);
        QFETCH(double, fps);
        QFETCH(int, batch);
        QFETCH(QString, mentions);
        auto p = params(ExportFormat::PngSequence, out("invalid"));
        p.frameBegin = begin;
        p.frameEnd = end;
        p.fps = fps;
        p.batchSize = batch;
        const auto result = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QCOMPARE(result.status, ExportStatus::InvalidParameters);
        QVERIFY2(result.message.find(mentions.toStdString()) != std::string::npos, result.message.c_str());
        QVERIFY(!fs::exists(out("invalid")));
    }

    void unwritableFolderFailsClearly()
    {
        // A path below a regular file cannot be created, even by root (who ignores permission bits).
        std::ofstream(out("plain-file")) << "x";
        const auto png = lsmedia::runExport(params(ExportFormat::PngSequence, out("plain-file/frames")), nullptr, {}, m_engine.get());
        QCOMPARE(png.status, ExportStatus::Failed);
        QVERIFY2(png.message.find("Cannot create the output folder") != std::string::npos, png.message.c_str());
        const auto gif = lsmedia::runExport(params(ExportFormat::Gif, out("plain-file/a.gif")), nullptr, {}, m_engine.get());
        QCOMPARE(gif.status, ExportStatus::Failed);
        if (::geteuid() != 0) {
            const std::string locked = out("locked");
            fs::create_directory(locked);
            fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
            const auto result = lsmedia::runExport(params(ExportFormat::Mp4, locked + "/v.mp4"), nullptr, {}, m_engine.get());
            fs::permissions(locked, fs::perms::owner_all);
            QCOMPARE(result.status, ExportStatus::Failed);
        }
    }

    void fullDiskLeavesOnlyMarkedLeftovers()
    {
        // Each 32 px frame PNG is a few kB; with a 2.5 kB file size limit the first frame write fails.
        lsmedia::ExportResult png, gif, mp4;
        {
            FileSizeLimit limit(2500);
            png = lsmedia::runExport(params(ExportFormat::PngSequence, out("disk-full")), nullptr, {}, m_engine.get());
            gif = lsmedia::runExport(params(ExportFormat::Gif, out("disk-full.gif")), nullptr, {}, m_engine.get());
            auto video = params(ExportFormat::Mp4, out("disk-full.mp4"));
            video.width = video.height = 128;
            mp4 = lsmedia::runExport(video, nullptr, {}, m_engine.get());
        }
        QCOMPARE(png.status, ExportStatus::Failed);
        QVERIFY2(png.message.find("disk") != std::string::npos, png.message.c_str());
        QVERIFY(!fs::exists(out("disk-full")));
        QVERIFY(fs::exists(out("disk-full.incomplete")));
        QCOMPARE(readJson(out("disk-full.incomplete/manifest.json"))["complete"].get<bool>(), false);
        QCOMPARE(gif.status, ExportStatus::Failed);
        QVERIFY(!fs::exists(out("disk-full.gif")));
        // The message names the user's file, not the hidden temporary it was written as.
        QVERIFY2(gif.message.find(".partial") == std::string::npos, gif.message.c_str());
        QCOMPARE(mp4.status, ExportStatus::Failed);
        QVERIFY2(!fs::exists(out("disk-full.mp4")), mp4.message.c_str());
        for (const auto& entry : fs::directory_iterator(m_dir.path().toStdString()))
            QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos, entry.path().c_str());
    }

    void cancelledExportLooksUnfinished_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("png") << int(ExportFormat::PngSequence) << QStringLiteral("cancelled");
        QTest::newRow("mp4") << int(ExportFormat::Mp4) << QStringLiteral("cancelled.mp4");
        QTest::newRow("gif") << int(ExportFormat::Gif) << QStringLiteral("cancelled.gif");
    }
    void cancelledExportLooksUnfinished()
    {
        QFETCH(int, format);
        QFETCH(QString, name);
        std::atomic_bool cancel = false;
        int progressCalls = 0;
        auto p = params(ExportFormat(format), out(name.toStdString()));
        p.batchSize = 2;
        const auto result = lsmedia::runExport(p, &cancel, [&](const lsmedia::ExportProgress& progress) {
            ++progressCalls;
            QCOMPARE(progress.framesTotal, 12);
            if (progress.framesDone >= 4) cancel = true;   // as a Cancel button or Ctrl-C would
        }, m_engine.get());
        QCOMPARE(result.status, ExportStatus::Cancelled);
        QCOMPARE(result.framesWritten, 4);
        QCOMPARE(progressCalls, 2);
        QVERIFY(!fs::exists(p.outputPath));
        if (ExportFormat(format) == ExportFormat::PngSequence) {
            const nlohmann::json manifest = readJson(p.outputPath + ".incomplete/manifest.json");
            QCOMPARE(manifest["complete"].get<bool>(), false);
            QCOMPARE(manifest["frames_present"], nlohmann::json::parse("[[0,4]]"));
        } else {
            QVERIFY(!fs::exists(p.outputPath + ".json"));
        }
    }

    // A second unfinished export beside an earlier one keeps both: the earlier .incomplete folder is
    // the user's and is never removed.
    void unfinishedExportsNeverRemoveEachOther()
    {
        auto p = params(ExportFormat::PngSequence, out("twice"));
        for (int attempt = 0; attempt < 2; ++attempt) {
            std::atomic_bool cancel = false;
            const auto result = lsmedia::runExport(p, &cancel, [&](const lsmedia::ExportProgress& progress) {
                if (progress.framesDone >= 2) cancel = true;
            }, m_engine.get());
            QCOMPARE(result.status, ExportStatus::Cancelled);
        }
        QVERIFY(fs::exists(p.outputPath + ".incomplete/manifest.json"));
        QVERIFY(fs::exists(p.outputPath + ".incomplete-2/manifest.json"));
        QVERIFY(fs::exists(p.outputPath + ".incomplete/" + lsmedia::frameFileName(0)));
    }

    // Resume finishes an interrupted whole-path export in place: the folder renamed .incomplete comes
    // back, finished frames are kept, a damaged frame, a frame of another state and a killed write's
    // leftover are replaced or removed, and the result equals an uninterrupted export pixel for pixel.
    void resumeFinishesAnInterruptedExport()
    {
        const auto reference = params(ExportFormat::PngSequence, out("resume-reference"));
        QVERIFY(lsmedia::runExport(reference, nullptr, {}, m_engine.get()).ok());

        auto p = params(ExportFormat::PngSequence, out("resumed"));
        std::atomic_bool cancel = false;
        auto first = lsmedia::runExport(p, &cancel, [&](const lsmedia::ExportProgress& progress) {
            if (progress.framesDone >= 4) cancel = true;
        }, m_engine.get());
        QCOMPARE(first.status, ExportStatus::Cancelled);
        const std::string unfinished = p.outputPath + ".incomplete";
        const auto frame = [](const std::string& folder, int index) { return folder + "/" + lsmedia::frameFileName(index); };
        fs::resize_file(frame(unfinished, 1), fs::file_size(frame(unfinished, 1)) / 2);        // cut short
        fs::copy_file(frame(reference.outputPath, 6), frame(unfinished, 2), fs::copy_options::overwrite_existing);
        std::ofstream(unfinished + "/frame_000005.png.tmp-1-2-3") << "half a frame";

        p.resume = true;
        int lastDone = -1;
        const auto resumed = lsmedia::runExport(p, nullptr, [&](const lsmedia::ExportProgress& progress) {
            lastDone = progress.framesDone;
        }, m_engine.get());
        QVERIFY2(resumed.ok(), resumed.message.c_str());
        QCOMPARE(resumed.framesReused, 2);    // frames 0 and 3
        QCOMPARE(resumed.framesWritten, 10);
        QCOMPARE(lastDone, 12);
        QVERIFY(!fs::exists(unfinished));
        QVERIFY(!fs::exists(p.outputPath + "/frame_000005.png.tmp-1-2-3"));
        for (int f = 0; f < 12; ++f) {
            auto got = readPixels(frame(p.outputPath, f));
            auto want = readPixels(frame(reference.outputPath, f));
            QVERIFY2(got.ok() && want.ok(), qPrintable(QStringLiteral("frame %1").arg(f)));
            QVERIFY2(got->rgb == want->rgb, qPrintable(QStringLiteral("frame %1 differs").arg(f)));
        }
        const nlohmann::json manifest = readJson(p.outputPath + "/manifest.json");
        QCOMPARE(manifest["complete"].get<bool>(), true);
        QCOMPARE(manifest["frames_present"], nlohmann::json::parse("[[0,12]]"));

        // A finished folder resumes to nothing; a range shard resumes its own frames only.
        const auto again = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QVERIFY(again.ok());
        QCOMPARE(again.framesReused, 12);
        QCOMPARE(again.framesWritten, 0);
        auto shard = params(ExportFormat::PngSequence, p.outputPath);
        shard.frameBegin = 4;
        shard.frameEnd = 8;
        shard.resume = true;
        const auto shardRun = lsmedia::runExport(shard, nullptr, {}, m_engine.get());
        QVERIFY(shardRun.ok());
        QCOMPARE(shardRun.framesReused, 4);

        // Resume never acts as force: a folder whose frames all belong to another export is refused.
        auto other = params(ExportFormat::PngSequence, p.outputPath);
        for (auto& keyframe : other.path.keyframes) keyframe.state.truncationPsi = 0.3;
        other.resume = true;
        const auto refusedOther = lsmedia::runExport(other, nullptr, {}, m_engine.get());
        QCOMPARE(refusedOther.status, ExportStatus::OutputExists);
        QVERIFY(fs::exists(frame(p.outputPath, 0)));

        // Only PNG sequences resume; a plain re-run into a folder with frames refuses and names --resume.
        auto video = params(ExportFormat::Mp4, out("resume.mp4"));
        video.resume = true;
        QCOMPARE(lsmedia::runExport(video, nullptr, {}, m_engine.get()).status, ExportStatus::InvalidParameters);
        p.resume = false;
        const auto refused = lsmedia::runExport(p, nullptr, {}, m_engine.get());
        QCOMPARE(refused.status, ExportStatus::OutputExists);
        QVERIFY2(QString::fromStdString(refused.message).contains(QStringLiteral("--resume")), refused.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestExportJob)
#include "test_export_job.moc"
