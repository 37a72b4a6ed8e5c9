// `latent-studio convert`: a .pkl becomes a model file whose tensors equal the .safetensors twin bit
// for bit, with a description, provenance and the NVlabs init_kwargs; existing output is protected.
#include <cstring>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/model_description.h"
#include "lscore/png.h"
#include "lscore/safetensors.h"
#include "lscore/session.h"
#include "lscore/sha256.h"
#include "support/clip_text_tower.h"

namespace {

const QString kData = QStringLiteral(LSTUDIO_TEST_DATA);

int runConvert(const QStringList& arguments, QString* errorText = nullptr)
{
    QProcess process;
    process.start(QStringLiteral(LSTUDIO_STUDIO_EXE), QStringList{QStringLiteral("convert")} + arguments);
    if (!process.waitForFinished(120000)) return -1;
    if (errorText) *errorText = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool bitwiseEqual(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes() || a.scalar_type() != b.scalar_type()) return false;
    const auto ca = a.contiguous();
    const auto cb = b.contiguous();
    return std::memcmp(ca.data_ptr(), cb.data_ptr(), static_cast<std::size_t>(ca.nbytes())) == 0;
}

} // namespace

class TestCliConvert : public QObject {
    Q_OBJECT

private slots:
    void convertsFixturesExactly_data();
    void convertsFixturesExactly();
    void protectsExistingOutput();
    void refusesHostileInputWithExit2();
    void lafiteConvertsAndRendersWithItsTextEncoder();
    void styleGan3CopyRendersTheSnapshotsPixels();
    void bigGanFolderCopyRendersTheFoldersPixels_data();
    void bigGanFolderCopyRendersTheFoldersPixels();
};

void TestCliConvert::convertsFixturesExactly_data()
{
    QTest::addColumn<QString>("stem");
    QTest::newRow("uncond-32") << QStringLiteral("stylegan2-uncond-32");
    QTest::newRow("cond-64") << QStringLiteral("stylegan2-cond-64");
    QTest::newRow("stylegan3 T") << QStringLiteral("stylegan3-t-32");
    QTest::newRow("stylegan3 R, classes") << QStringLiteral("stylegan3-r-cond-64");
}

void TestCliConvert::convertsFixturesExactly()
{
    QFETCH(QString, stem);
    QTemporaryDir dir;
    const QString input = kData + QLatin1Char('/') + stem + QStringLiteral(".pkl");
    const QString output = dir.path() + QStringLiteral("/out.safetensors");
    QString stderrText;
    QCOMPARE(runConvert({input, output}, &stderrText), 0);

    auto converted = lscore::readSafetensors(output.toStdString());
    QVERIFY2(converted.ok(), converted.ok() ? "" : converted.error().c_str());
    auto twin = lscore::readSafetensors((kData + QLatin1Char('/') + stem + QStringLiteral(".safetensors")).toStdString());
    QVERIFY(twin.ok());
    std::size_t generatorTensors = 0;
    for (const auto& [name, expected] : twin->tensors) {
        if (name.rfind("io.", 0) == 0) continue;
        ++generatorTensors;
        QVERIFY2(converted->tensors.contains(name), name.c_str());
        QVERIFY2(bitwiseEqual(converted->tensors.at(name), expected), name.c_str());
    }
    QCOMPARE(converted->tensors.size(), generatorTensors);

    auto description = lscore::ModelDescription::fromJsonText(converted->metadata.at("description"));
    QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
    const auto twinKwargs = nlohmann::json::parse(twin->metadata.at("init_kwargs"));
    QCOMPARE(description->resolution, twinKwargs.at("img_resolution").get<int>());
    QCOMPARE(description->conditioning.classCount, twinKwargs.at("c_dim").get<int>());
    QCOMPARE(description->provenance.value("converted_from", std::string()), (stem + QStringLiteral(".pkl")).toStdString());
    QCOMPARE(description->provenance.value("converted_from_sha256", std::string()), *lscore::sha256OfFile(input.toStdString()));
    QVERIFY(QString::fromStdString(description->license).contains(QStringLiteral("non-commercial")));
    QCOMPARE(nlohmann::json::parse(converted->metadata.at("init_kwargs")).at("z_dim"), twinKwargs.at("z_dim"));
}

void TestCliConvert::protectsExistingOutput()
{
    QTemporaryDir dir;
    const QString input = kData + QStringLiteral("/stylegan2-uncond-32.pkl");
    const QString output = dir.path() + QStringLiteral("/out.safetensors");
    QCOMPARE(runConvert({input, output}), 0);
    const auto before = QFileInfo(output).size();
    QCOMPARE(runConvert({input, output, QStringLiteral("--dtype"), QStringLiteral("f16")}), 3);
    QCOMPARE(QFileInfo(output).size(), before);
    QCOMPARE(runConvert({input, output, QStringLiteral("--dtype"), QStringLiteral("f16"), QStringLiteral("--force")}), 0);
    QVERIFY(QFileInfo(output).size() < before * 3 / 4);   // f16 roughly halves the tensors
    auto half = lscore::readSafetensors(output.toStdString());
    QVERIFY(half.ok());
    QCOMPARE(half->storedDtypes.at("mapping.fc0.weight"), lscore::StoredDtype::F16);
}

void TestCliConvert::refusesHostileInputWithExit2()
{
    QTemporaryDir dir;
    const QString output = dir.path() + QStringLiteral("/out.safetensors");
    QString stderrText;
    QCOMPARE(runConvert({kData + QStringLiteral("/hostile/os_system_global.pkl"), output}, &stderrText), 2);
    QVERIFY2(stderrText.contains(QStringLiteral("refused the global 'os.system'")), qPrintable(stderrText));
    QVERIFY(!QFileInfo::exists(output));
    QCOMPARE(runConvert({kData + QStringLiteral("/hostile/tensorflow_era.pkl"), output}, &stderrText), 2);
    QVERIFY2(stderrText.contains(QStringLiteral("TensorFlow-era")), qPrintable(stderrText));
    QCOMPARE(runConvert({QStringLiteral("only-one-argument.pkl")}), 2);
}

// A LAFITE snapshot: converted code-free with its license note, then rendered by `render` with its
// CLIP text tower; without one, render says what is missing and how to give it (exit 2).
void TestCliConvert::lafiteConvertsAndRendersWithItsTextEncoder()
{
    QTemporaryDir dir;
    const QString model = dir.path() + QStringLiteral("/lafite.safetensors");
    QString stderrText;
    QCOMPARE(runConvert({kData + QStringLiteral("/lafite-8.pkl"), model}, &stderrText), 0);
    auto converted = lscore::readSafetensors(model.toStdString());
    QVERIFY(converted.ok());
    auto twin = lscore::readSafetensors((kData + QStringLiteral("/lafite-8.safetensors")).toStdString());
    for (const auto& [name, expected] : twin->tensors)
        if (name.rfind("io.", 0) != 0)
            QVERIFY2(bitwiseEqual(converted->tensors.at(name), expected), name.c_str());
    auto description = lscore::ModelDescription::fromJsonText(converted->metadata.at("description"));
    QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
    QVERIFY(description->conditioning.clip);
    QCOMPARE(description->conditioning.clipFeatureDim, 16);
    QVERIFY(QString::fromStdString(description->license).contains(QStringLiteral("LAFITE")));

    const QString textEncoder = dir.path() + QStringLiteral("/text-tower.safetensors");
    QVERIFY(writeClipTextTower(textEncoder.toStdString(), 16).ok());

    auto render = [&](const QStringList& extra, QString* errors) {
        QProcess process;
        process.start(QStringLiteral(LSTUDIO_STUDIO_EXE),
                      QStringList{QStringLiteral("render"), QStringLiteral("--model"), model, QStringLiteral("--prompt"),
                                  QStringLiteral("a red double decker bus"), QStringLiteral("--seed"), QStringLiteral("3")} + extra);
        process.waitForFinished(120000);
        *errors = QString::fromUtf8(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    const QString png = dir.path() + QStringLiteral("/bus.png");
    QCOMPARE(render({QStringLiteral("--out"), png}, &stderrText), 2);
    QVERIFY2(stderrText.contains(QStringLiteral("needs a CLIP text encoder")) && stderrText.contains(QStringLiteral("--text-encoder")),
             qPrintable(stderrText));
    QCOMPARE(render({QStringLiteral("--text-encoder"), textEncoder, QStringLiteral("--out"), png}, &stderrText), 0);
    auto image = lscore::readPng(png.toStdString(), /*withPixels=*/true);
    QVERIFY2(image.ok(), qPrintable(stderrText));
    QCOMPARE(image->image.width, 8);
    QVERIFY(image->text.count("latent-studio:text-encoder-sha256"));
}

// A converted StyleGAN3 model renders what its snapshot renders, moved and turned too.
void TestCliConvert::styleGan3CopyRendersTheSnapshotsPixels()
{
    QTemporaryDir dir;
    const QString snapshot = kData + QStringLiteral("/stylegan3-r-cond-64.pkl");
    const QString model = dir.path() + QStringLiteral("/r.safetensors");
    QString stderrText;
    QCOMPARE(runConvert({snapshot, model}, &stderrText), 0);
    auto description = lscore::ModelDescription::fromJsonText(lscore::readSafetensors(model.toStdString())->metadata.at("description"));
    QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
    QCOMPARE(description->architecture, std::string("stylegan3"));
    QVERIFY(QString::fromStdString(description->license).contains(QStringLiteral("StyleGAN3")));

    auto renderPixels = [&](const QString& from, const QString& name) -> std::vector<std::uint8_t> {
        QProcess process;
        const QString png = dir.path() + QLatin1Char('/') + name;
        process.start(QStringLiteral(LSTUDIO_STUDIO_EXE),
                      {QStringLiteral("render"), QStringLiteral("--model"), from, QStringLiteral("--class"), QStringLiteral("2"),
                       QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--translate-x"), QStringLiteral("0.1"),
                       QStringLiteral("--rotate"), QStringLiteral("15"), QStringLiteral("--out"), png});
        process.waitForFinished(120000);
        auto image = lscore::readPng(png.toStdString(), /*withPixels=*/true);
        if (!image) return {};
        const auto state = nlohmann::json::parse(image->text.at(lscore::kPngKeyState));
        if (state.at("rotate_degrees").template get<double>() != 15.0) return {};
        return image->image.rgb;
    };
    const auto fromSnapshot = renderPixels(snapshot, QStringLiteral("a.png"));
    QCOMPARE(fromSnapshot.size(), std::size_t{64 * 64 * 3});
    QVERIFY(fromSnapshot == renderPixels(model, QStringLiteral("b.png")));
}

// A BigGAN-deep folder (either torch.save format) converts to a model file that renders the folder's
// pixels: class A → B interpolation, per the README's `render --model FOLDER --class A --class-b B --t X`.
void TestCliConvert::bigGanFolderCopyRendersTheFoldersPixels_data()
{
    QTest::addColumn<QString>("folder");
    QTest::newRow("legacy torch.save") << kData + QStringLiteral("/biggan-deep-tiny");
    QTest::newRow("zip torch.save") << kData + QStringLiteral("/biggan-deep-tiny-zip");
}

void TestCliConvert::bigGanFolderCopyRendersTheFoldersPixels()
{
    QFETCH(QString, folder);
    QTemporaryDir dir;
    const QString model = dir.path() + QStringLiteral("/biggan.safetensors");
    QString stderrText;
    QCOMPARE(runConvert({folder, model}, &stderrText), 0);
    auto file = lscore::readSafetensors(model.toStdString());
    QVERIFY(file.ok());
    QCOMPARE(file->tensors.size(), std::size_t{506});
    auto description = lscore::ModelDescription::fromJsonText(file->metadata.at("description"));
    QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
    QCOMPARE(description->architecture, std::string("biggan-deep"));
    QCOMPARE(description->numWs, 11);
    QCOMPARE(description->conditioning.classNames.at(388), std::string("giant panda"));
    QVERIFY(QString::fromStdString(description->license).contains(QStringLiteral("Apache")));
    QVERIFY(description->provenance.contains("converted_from_sha256"));

    auto renderPixels = [&](const QString& from, const QString& name) -> std::vector<std::uint8_t> {
        QProcess process;
        const QString png = dir.path() + QLatin1Char('/') + name;
        process.start(QStringLiteral(LSTUDIO_STUDIO_EXE),
                      {QStringLiteral("render"), QStringLiteral("--model"), from, QStringLiteral("--class"), QStringLiteral("207"),
                       QStringLiteral("--class-b"), QStringLiteral("388"), QStringLiteral("--t"), QStringLiteral("0.3"),
                       QStringLiteral("--psi"), QStringLiteral("0.4"), QStringLiteral("--seed"), QStringLiteral("42"),
                       QStringLiteral("--out"), png});
        process.waitForFinished(120000);
        auto image = lscore::readPng(png.toStdString(), /*withPixels=*/true);
        return image ? image->image.rgb : std::vector<std::uint8_t>{};
    };
    const auto fromFolder = renderPixels(folder, QStringLiteral("a.png"));
    QCOMPARE(fromFolder.size(), std::size_t{128 * 128 * 3});
    QVERIFY(fromFolder == renderPixels(model, QStringLiteral("b.png")));
}

QTEST_GUILESS_MAIN(TestCliConvert)
#include "test_cli_convert.moc"
