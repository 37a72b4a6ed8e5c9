// ModelDescription: the layer table the mixing panels list, JSON round trips, NVlabs fixtures, and
// invalid descriptions refused with messages that name the field.
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/model_description.h"
#include "lscore/safetensors.h"

using lscore::LayerKind;
using lscore::ModelDescription;

namespace {

nlohmann::json fixtureInitKwargs(const char* fileName) {
    auto file = lscore::readSafetensors(std::string(LSTUDIO_TEST_DATA) + "/" + fileName);
    if (!file) qFatal("%s", file.error().c_str());
    return nlohmann::json::parse(file->metadata.at("init_kwargs"));
}

ModelDescription textDescription() {
    ModelDescription description;
    description.architecture = "stylegan2-text";
    description.name = "Shapes World 64";
    description.resolution = 64;
    description.zDim = 32;
    description.wDim = 64;
    description.numWs = 10;
    description.generator = {{"z_dim", 32}, {"text_dim", 48}};
    description.layers = lscore::styleGan2LayerTable(64);
    description.conditioning.type = lscore::ConditioningType::Text;
    description.conditioning.context = 8;
    description.conditioning.vocabulary = {"red", "blue", "star", "ring"};
    description.conditioning.textEncoder = {{"width", 48}, {"layers", 2}};
    description.provenance = {{"source", "train"}, {"recipe", "shapes-world"}};
    description.license = "CC0-1.0";
    return description;
}

} // namespace

class TestModelDescription : public QObject {
    Q_OBJECT
private slots:
    void layerTable_data()
    {
        QTest::addColumn<int>("resolution");
        QTest::addColumn<int>("numWs");
        QTest::addColumn<int>("coarse");
        QTest::addColumn<int>("middle");
        QTest::addColumn<QString>("lastName");
        QTest::newRow("32") << 32 << 8 << 3 << 5 << QStringLiteral("b32.torgb");
        QTest::newRow("64") << 64 << 10 << 3 << 4 << QStringLiteral("b64.torgb");
        QTest::newRow("128") << 128 << 12 << 3 << 4 << QStringLiteral("b128.torgb");
        QTest::newRow("1024") << 1024 << 18 << 3 << 4 << QStringLiteral("b1024.torgb");
    }

    void layerTable()
    {
        QFETCH(int, resolution);
        QFETCH(int, numWs);
        QFETCH(int, coarse);
        QFETCH(int, middle);
        QFETCH(QString, lastName);
        const std::vector<lscore::LayerInfo> layers = lscore::styleGan2LayerTable(resolution);
        QCOMPARE(static_cast<int>(layers.size()), numWs);
        QCOMPARE(layers[0].name, std::string("b4.conv1"));
        QCOMPARE(layers[0].resolution, 4);
        QCOMPARE(layers[1].name, std::string("b4.torgb+b8.conv0"));   // torgb shares its w with the next conv0
        QCOMPARE(layers[1].resolution, 8);
        QCOMPARE(layers[2].name, std::string("b8.conv1"));
        QCOMPARE(layers[3].name, std::string("b8.torgb+b16.conv0"));
        QCOMPARE(layers.back().name, lastName.toStdString());
        QCOMPARE(layers.back().resolution, resolution);
        int coarseCount = 0;
        int middleCount = 0;
        for (int i = 0; i < numWs; ++i) {
            QCOMPARE(layers[i].index, i);
            if (layers[i].kind == LayerKind::Coarse) ++coarseCount;
            if (layers[i].kind == LayerKind::Middle) ++middleCount;
            QCOMPARE(layers[i].kind == LayerKind::Fine, layers[i].resolution >= 64);
        }
        QCOMPARE(coarseCount, coarse);
        QCOMPARE(middleCount, middle);
        QVERIFY(lscore::styleGan2LayerTable(100).empty());
    }

    void nvlabsFixturesAreDescribed_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("resolution");
        QTest::addColumn<int>("numWs");
        QTest::addColumn<int>("classCount");
        QTest::newRow("uncond 32") << QStringLiteral("stylegan2-uncond-32.safetensors") << 32 << 8 << 0;
        QTest::newRow("cond 64") << QStringLiteral("stylegan2-cond-64.safetensors") << 64 << 10 << 4;
    }

    void nvlabsFixturesAreDescribed()
    {
        QFETCH(QString, fileName);
        QFETCH(int, resolution);
        QFETCH(int, numWs);
        QFETCH(int, classCount);
        const nlohmann::json kwargs = fixtureInitKwargs(fileName.toUtf8().constData());
        auto description = lscore::describeNvlabs(kwargs, fileName.toStdString());
        QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
        QCOMPARE(description->resolution, resolution);
        QCOMPARE(description->numWs, numWs);
        QCOMPARE(static_cast<int>(description->layers.size()), numWs);
        QCOMPARE(description->zDim, kwargs.at("z_dim").get<int>());
        QCOMPARE(description->conditioning.type,
                 classCount > 0 ? lscore::ConditioningType::Class : lscore::ConditioningType::None);
        QCOMPARE(description->conditioning.classCount, classCount);
        QVERIFY(description->conditioning.classNames.empty());
        QVERIFY2(description->license.empty(), "random-weight fixtures must not claim the NVIDIA license");
        QCOMPARE(description->provenance.at("source").get<std::string>(), fileName.toStdString());

        // The caller who knows the snapshot is NVIDIA's passes the license; init_kwargs as a string works too.
        auto licensed = lscore::describeNvlabs(nlohmann::json(kwargs.dump()), "ffhq.pkl",
                                               "NVIDIA Source Code License (non-commercial)");
        QVERIFY(licensed.ok());
        QCOMPARE(licensed->license, std::string("NVIDIA Source Code License (non-commercial)"));

        // And the description survives its own JSON.
        auto back = ModelDescription::fromJsonText(description->toJson().dump());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(back->toJson(), description->toJson());
    }

    // A LAFITE snapshot's kwargs (f_dim in synthesis_kwargs): the CLIP form, with LAFITE's license
    // note, and it survives its own JSON; a lafite description without CLIP conditioning is refused.
    void lafiteIsDescribedAsClipText()
    {
        const nlohmann::json kwargs = fixtureInitKwargs("lafite-8.safetensors");
        auto description = lscore::describeNvlabs(kwargs, "lafite-8.pkl");
        QVERIFY2(description.ok(), description.ok() ? "" : description.error().c_str());
        QCOMPARE(description->architecture, std::string("lafite"));
        QCOMPARE(description->conditioning.type, lscore::ConditioningType::Text);
        QVERIFY(description->conditioning.clip);
        QCOMPARE(description->conditioning.clipFeatureDim, 16);
        QVERIFY(description->conditioning.vocabulary.empty());
        QVERIFY(QString::fromStdString(description->license).contains(QStringLiteral("LAFITE")));
        auto back = ModelDescription::fromJsonText(description->toJson().dump());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(back->toJson(), description->toJson());
        nlohmann::json wrong = description->toJson();
        wrong["conditioning"] = {{"type", "none"}};
        auto refused = ModelDescription::fromJson(wrong);
        QVERIFY(!refused.ok());
        QVERIFY2(QString::fromStdString(refused.error()).contains(QStringLiteral("CLIP")), refused.error().c_str());
    }

    void textDescriptionRoundTrips()
    {
        const ModelDescription description = textDescription();
        auto back = ModelDescription::fromJson(nlohmann::json::parse(description.toJson().dump()));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        QCOMPARE(back->architecture, description.architecture);
        QCOMPARE(back->name, description.name);
        QCOMPARE(back->conditioning.vocabulary, description.conditioning.vocabulary);
        QCOMPARE(back->conditioning.context, 8);
        QCOMPARE(back->conditioning.textEncoder, description.conditioning.textEncoder);
        QCOMPARE(back->layers[5].name, std::string("b16.torgb+b32.conv0"));
        QCOMPARE(back->layers[5].kind, LayerKind::Middle);
        QCOMPARE(back->provenance, description.provenance);
        QCOMPARE(back->license, description.license);
        QCOMPARE(back->toJson(), description.toJson());
    }

    void invalidDescriptionIsRefused_data()
    {
        QTest::addColumn<QString>("patch");   // JSON merge patch applied to a valid description
        QTest::addColumn<QString>("expectedPhrase");
        const auto row = [](const char* name, const char* patch, const char* phrase) {
            QTest::newRow(name) << QString::fromUtf8(patch) << QString::fromUtf8(phrase);
        };
        row("unknown architecture", R"({"architecture":"stylegan-xl"})", "architecture \"stylegan-xl\" is not supported");
        row("biggan without its layer list", R"({"architecture":"biggan-deep"})", "needs its generator's \"layers\" list");
        row("biggan num_ws", R"({"architecture":"biggan-deep","generator":{"layers":[[false,16,16],[true,16,1]]}})",
            "num_ws is 10 but a BigGAN-deep of 2 blocks has 3 conditioning sites");
        row("stylegan3 num_ws", R"({"architecture":"stylegan3"})", "num_ws is 10 but a StyleGAN3 generator of 14 layers has 16");
        row("stylegan3 layer count", R"({"architecture":"stylegan3","generator":{"num_layers":80}})", "\"generator.num_layers\"");
        row("resolution not a power of two", R"({"resolution":100})", "resolution 100 is not a power of two");
        row("resolution too large", R"({"resolution":8192})", "\"resolution\" is 8192 but must be between 4 and 4096");
        row("num_ws wrong", R"({"num_ws":12})", "num_ws is 12 but a 64 px StyleGAN2 has 10");
        row("z_dim not a number", R"({"z_dim":"32"})", "\"z_dim\" must be a whole number");
        row("z_dim missing", R"({"z_dim":null})", "the required field \"z_dim\" is missing");
        row("newer format", R"({"format_version":2})", "newer Latent Studio");
        row("empty vocabulary", R"({"conditioning":{"tokenizer":{"vocabulary":[]}}})", "non-empty");
        row("context too short", R"({"conditioning":{"tokenizer":{"context":2}}})",
            "\"conditioning.tokenizer.context\" is 2 but must be between 3");
        row("vocabulary word with a space", R"({"conditioning":{"tokenizer":{"vocabulary":["red star"]}}})",
            "no prompt can use it");
        row("unknown conditioning", R"({"conditioning":{"type":"audio"}})", "conditioning type \"audio\" is unknown");
        row("text architecture without text", R"({"conditioning":{"type":"none"}})", "needs text conditioning");
        row("layers too short", R"({"layers":[{"index":0,"name":"b4.conv1","resolution":4,"kind":"huge"}]})",
            "\"layers\" lists 1 entries but the network has 10 w indices");
        row("license not a string", R"({"license":3})", "\"license\" must be a string");
    }

    void invalidDescriptionIsRefused()
    {
        QFETCH(QString, patch);
        QFETCH(QString, expectedPhrase);
        nlohmann::json json = textDescription().toJson();
        json.merge_patch(nlohmann::json::parse(patch.toStdString()));
        auto result = ModelDescription::fromJson(json);
        QVERIFY2(!result.ok(), "an invalid description was accepted");
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.contains(expectedPhrase), qPrintable(message));
    }

    void layerEntriesAreChecked()
    {
        nlohmann::json json = textDescription().toJson();
        json["layers"][3]["kind"] = "huge";
        auto result = ModelDescription::fromJson(json);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find("layers[3].kind") != std::string::npos, result.error().c_str());
        json = textDescription().toJson();
        json["layers"][2]["index"] = 7;
        result = ModelDescription::fromJson(json);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find("layers[2].index") != std::string::npos, result.error().c_str());
    }

    void classNamesMustMatchTheCount()
    {
        nlohmann::json json = lscore::describeNvlabs(fixtureInitKwargs("stylegan2-cond-64.safetensors"), "x")->toJson();
        json["conditioning"]["class_names"] = {"circle", "square"};
        auto result = ModelDescription::fromJson(json);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().find("has 2 names for 4 classes") != std::string::npos, result.error().c_str());
        json["conditioning"]["class_names"] = {"circle", "square", "star", "ring"};
        QVERIFY(ModelDescription::fromJson(json).ok());
    }

    void notJsonIsRefused()
    {
        QVERIFY(!ModelDescription::fromJsonText("{ not json").ok());
        auto array = ModelDescription::fromJsonText("[1]");
        QVERIFY(!array.ok());
        QVERIFY2(array.error().find("expected a JSON object") != std::string::npos, array.error().c_str());
        QVERIFY(!lscore::describeNvlabs(nlohmann::json{{"z_dim", 8}}, "x").ok());
    }
};

QTEST_GUILESS_MAIN(TestModelDescription)
#include "test_model_description.moc"
