// Engine with a CLIP-conditioned generator (LAFITE): the model and its CLIP text tower opened as one,
// found beside the model or given; prompts of any text; the frame equals the network run by hand
// (CLIP feature -> unit length -> every layer); prompt mixing gives each layer its prompt; refusals.
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "lscore/clip_text_encoder.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/engine.h"
#include "lscore/numpy_random.h"
#include "lscore/safetensors.h"
#include "lscore/stylegan2.h"
#include "support/clip_text_tower.h"

using lscore::EditState;
using lscore::Engine;

namespace fs = std::filesystem;

namespace {

const std::string kLafite = LSTUDIO_TEST_DATA "/lafite-8.safetensors";
const std::string kLafitePickle = LSTUDIO_TEST_DATA "/lafite-8.pkl";

torch::Tensor toTensor(const lscore::Image& image)
{
    return torch::from_blob(const_cast<std::uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, torch::kUInt8).clone();
}

int maxLevelDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kInt32) - b.to(torch::kInt32)).abs().max().item<int>();
}

} // namespace

class TestEngineClip : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_model;   // the LAFITE fixture in a folder with its CLIP text tower beside it

    std::unique_ptr<Engine> open(const std::string& path, lscore::EngineOptions options = {})
    {
        auto engine = Engine::open(path, options);
        if (!engine)
            qFatal("%s", engine.error().c_str());
        return std::move(engine).value();
    }

    // The frame by hand: CLIP feature of each layer's prompt, unit length; w from the mapping alone.
    torch::Tensor byHand(const EditState& state, const std::vector<std::string>& layerPrompts)
    {
        auto file = lscore::readSafetensors(kLafite);
        auto config = lscore::StyleGan2Config::fromJson(nlohmann::json::parse(file->metadata.at("init_kwargs")));
        lscore::Generator g(*config);
        if (!lscore::loadTensors(*g, file->tensors).ok())
            qFatal("load");
        g->eval();
        auto clip = lscore::loadClipTextEncoder(fs::path(m_model).replace_extension(".clip.safetensors").string());
        auto tokenizer = lscore::ClipTokenizer::open(lscore::ClipTokenizer::shippedVocabularyPath());
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> features;
        for (const std::string& prompt : layerPrompts) {
            const auto ids = torch::tensor(tokenizer->tokenize(prompt).ids).unsqueeze(0);
            const torch::Tensor f = (*clip)->forward(ids)[0];
            features.push_back(f / f.norm());
        }
        const auto zValues = lscore::seedToZ(state.seedA, config->z_dim);
        const torch::Tensor z = torch::tensor(zValues, torch::kFloat32).unsqueeze(0);
        const torch::Tensor ws = g->mapping->forward(z, {}, state.truncationPsi, -1);
        lscore::SynthesisOptions options;
        options.modConvMode = lscore::ModConvMode::Fused;
        const torch::Tensor image = g->synthesis->forward(ws, torch::stack(features).unsqueeze(0), options);
        return lscore::toUint8Nhwc(image)[0];
    }

private slots:
    void initTestCase()
    {
        m_model = m_dir.filePath(QStringLiteral("lafite-8.safetensors")).toStdString();
        fs::copy_file(kLafite, m_model);
        QVERIFY(writeClipTextTower(fs::path(m_model).replace_extension(".clip.safetensors").string(), 16).ok());
    }

    void opensWithTheTextTowerBesideIt()
    {
        auto engine = open(m_model);
        const auto& conditioning = engine->description().conditioning;
        QVERIFY(conditioning.type == lscore::ConditioningType::Text);
        QVERIFY(conditioning.clip);
        QCOMPARE(conditioning.clipFeatureDim, 16);
        QCOMPARE(QString::fromStdString(engine->textEncoderPath()),
                 QString::fromStdString(fs::path(m_model).replace_extension(".clip.safetensors").string()));
        QCOMPARE(engine->textEncoderHash().size(), std::size_t{64});
        QVERIFY(QString::fromStdString(engine->description().license).contains(QStringLiteral("LAFITE")));
    }

    void framesEqualTheNetworkRunByHand()
    {
        auto engine = open(m_model);
        EditState state;
        state.promptA = "a red bus parked next to a tall building.";
        state.promptB = "Two dogs playing in the snow!";
        state.seedA = 5;
        state.truncationPsi = 0.7;
        state.styleMix.assign(4, 0.0);
        state.promptMix.assign(4, 0.0);
        auto frame = engine->render(std::span<const EditState>(&state, 1));
        QVERIFY2(frame.ok(), frame.ok() ? "" : frame.error().c_str());
        QVERIFY(maxLevelDifference(toTensor(frame->front()), byHand(state, std::vector<std::string>(4, state.promptA))) <= 1);

        // Prompt mixing: the fine layers (w index 2, 3) follow prompt B, the coarse ones prompt A.
        state.promptMix = {0.0, 0.0, 1.0, 1.0};
        auto mixed = engine->render(std::span<const EditState>(&state, 1));
        QVERIFY(mixed.ok());
        QVERIFY(maxLevelDifference(toTensor(mixed->front()),
                                   byHand(state, {state.promptA, state.promptA, state.promptB, state.promptB})) <= 1);
        QVERIFY(maxLevelDifference(toTensor(mixed->front()), toTensor(frame->front())) > 0);
    }

    // Free text: any words, any script; a prompt past 77 tokens is cut with a note, never refused.
    void anyPromptIsRead()
    {
        auto engine = open(m_model);
        QVERIFY(engine->checkPrompt("ein roter Bus, 中文测试, 🐱").ok());
        std::string longPrompt;
        for (int i = 0; i < 100; ++i)
            longPrompt += "cat ";
        const lscore::PromptCheck check = engine->checkPrompt(longPrompt);
        QVERIFY(check.ok());
        QVERIFY2(QString::fromStdString(check.note).contains(QStringLiteral("first 77")), check.note.c_str());
        EditState state;
        state.promptA = longPrompt;
        QVERIFY(engine->render(std::span<const EditState>(&state, 1)).ok());
    }

    void theSnapshotOpensToo()
    {
        lscore::EngineOptions options;
        options.textEncoderPath = fs::path(m_model).replace_extension(".clip.safetensors").string();
        auto fromPickle = open(kLafitePickle, options);
        auto fromSafetensors = open(m_model);
        EditState state;
        state.promptA = "a photo of a cat";
        state.seedA = 2;
        auto a = fromPickle->render(std::span<const EditState>(&state, 1));
        auto b = fromSafetensors->render(std::span<const EditState>(&state, 1));
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->front().rgb, b->front().rgb);
    }

    void missingOrWrongTextTowersAreRefusedClearly()
    {
        QTemporaryDir alone;
        const std::string model = alone.filePath(QStringLiteral("lafite.safetensors")).toStdString();
        fs::copy_file(kLafite, model);
        qunsetenv("LATENT_STUDIO_CLIP_TEXT_ENCODER");
        auto missing = Engine::open(model);
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.error()).contains(QString::fromUtf8(lscore::kNeedsClipTextEncoder.data())),
                 missing.error().c_str());
        QVERIFY2(QString::fromStdString(missing.error()).contains(QStringLiteral("--text-encoder")), missing.error().c_str());

        lscore::EngineOptions options;
        options.textEncoderPath = clipTextFixturePath();   // 512-wide features for a generator that reads 16
        auto wrongWidth = Engine::open(model, options);
        QVERIFY(!wrongWidth.ok());
        QVERIFY2(QString::fromStdString(wrongWidth.error()).contains(QStringLiteral("size 512")) &&
                     QString::fromStdString(wrongWidth.error()).contains(QStringLiteral("size 16")),
                 wrongWidth.error().c_str());

        options.textEncoderPath = LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors";
        auto notClip = Engine::open(model, options);
        QVERIFY(!notClip.ok());
        QVERIFY2(QString::fromStdString(notClip.error()).contains(QStringLiteral("holds no CLIP text tower")), notClip.error().c_str());

        options.textEncoderPath = fs::path(m_model).replace_extension(".clip.safetensors").string();
        options.vocabularyPath = alone.filePath(QStringLiteral("merges.txt")).toStdString();
        std::ofstream(options.vocabularyPath) << "#version: 0.2\nthis is garbage\n";
        auto badVocabulary = Engine::open(model, options);
        QVERIFY(!badVocabulary.ok());
        QVERIFY2(QString::fromStdString(badVocabulary.error()).contains(QStringLiteral("CLIP vocabulary")), badVocabulary.error().c_str());
    }
};

QTEST_MAIN(TestEngineClip)
#include "test_engine_clip.moc"
