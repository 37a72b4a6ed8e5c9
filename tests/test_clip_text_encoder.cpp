// ClipTextEncoder: CLIP's text tower against the official encode_text on the fixture (random weights,
// real vocabulary, 3 layers of width 64 with 4 heads), read under OpenAI's and Hugging Face's names;
// and the refusals of files that are not a usable text tower.
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "lscore/clip_text_encoder.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/safetensors.h"
#include "support/clip_text_tower.h"

namespace {

// fp32 against the official fp32 run: the fixture README's honest tolerance.
constexpr double kTolerance = 1e-5;

double maxDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// The fixture's text tower under Hugging Face CLIPTextModelWithProjection names.
std::map<std::string, torch::Tensor> huggingFaceNames(const std::map<std::string, torch::Tensor>& openAi, int layers)
{
    std::map<std::string, torch::Tensor> hf;
    const std::string t = "text_model.";
    hf[t + "embeddings.token_embedding.weight"] = openAi.at("token_embedding.weight");
    hf[t + "embeddings.position_embedding.weight"] = openAi.at("positional_embedding");
    hf[t + "final_layer_norm.weight"] = openAi.at("ln_final.weight");
    hf[t + "final_layer_norm.bias"] = openAi.at("ln_final.bias");
    hf["text_projection.weight"] = openAi.at("text_projection").t().contiguous();
    for (int i = 0; i < layers; ++i) {
        // Appended piece by piece: GCC 12 warns falsely (-Warray-bounds) on "literal" + std::string.
        std::string from = "transformer.resblocks.", to = t + "encoder.layers.";
        from.append(std::to_string(i)).append(".");
        to.append(std::to_string(i)).append(".");
        const std::pair<const char*, const char*> renames[] = {
            {"ln_1.weight", "layer_norm1.weight"}, {"ln_1.bias", "layer_norm1.bias"},
            {"ln_2.weight", "layer_norm2.weight"}, {"ln_2.bias", "layer_norm2.bias"},
            {"attn.out_proj.weight", "self_attn.out_proj.weight"}, {"attn.out_proj.bias", "self_attn.out_proj.bias"},
            {"mlp.c_fc.weight", "mlp.fc1.weight"}, {"mlp.c_fc.bias", "mlp.fc1.bias"},
            {"mlp.c_proj.weight", "mlp.fc2.weight"}, {"mlp.c_proj.bias", "mlp.fc2.bias"}};
        for (const auto& [a, b] : renames)
            hf[to + b] = openAi.at(from + a);
        for (const char* kind : {"weight", "bias"}) {
            const auto qkv = openAi.at(from + "attn.in_proj_" + kind).chunk(3, 0);
            hf[to + "self_attn.q_proj." + kind] = qkv[0].contiguous();
            hf[to + "self_attn.k_proj." + kind] = qkv[1].contiguous();
            hf[to + "self_attn.v_proj." + kind] = qkv[2].contiguous();
        }
    }
    return hf;
}

} // namespace

class TestClipTextEncoder : public QObject {
    Q_OBJECT
private:
    lscore::TensorFile m_file;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        m_file = clipTextFixture();
    }

    void featuresEqualTheOfficialEncoder()
    {
        auto encoder = lscore::loadClipTextEncoder(clipTextFixturePath());
        QVERIFY2(encoder.ok(), encoder.ok() ? "" : encoder.error().c_str());
        const lscore::ClipTextConfig& config = (*encoder)->config;
        QCOMPARE(config.width, 64);
        QCOMPARE(config.heads, 4);   // from the file's metadata: width / 64 would say 1
        QCOMPARE(config.layers, 3);
        QCOMPARE(config.embed_dim, 512);
        QCOMPARE(config.context_length, 77);
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = m_file.tensors.at("io.tokens").to(torch::kInt64);
        const torch::Tensor features = (*encoder)->forward(ids);
        const double pooled = maxDifference((*encoder)->pooled(ids), m_file.tensors.at("io.pooled"));
        const double raw = maxDifference(features, m_file.tensors.at("io.text_features"));
        const double normed = maxDifference(features / features.norm(2, -1, true), m_file.tensors.at("io.text_features_normed"));
        const double f64 = maxDifference(features, m_file.tensors.at("io.text_features_f64"));
        qInfo("max |d|: pooled %.2e, features %.2e (vs float64 %.2e), normalised %.2e", pooled, raw, f64, normed);
        QVERIFY(pooled < kTolerance);
        QVERIFY(raw < kTolerance);
        QVERIFY(f64 < kTolerance);
        QVERIFY(normed < kTolerance);
    }

    // The tokenizer and the encoder together: the fixture's prompts give its ids.
    void tokenizerGivesTheFixturesIds()
    {
        auto tokenizer = lscore::ClipTokenizer::open(lscore::ClipTokenizer::shippedVocabularyPath());
        QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().c_str());
        const auto prompts = nlohmann::json::parse(m_file.metadata.at("prompts")).get<std::vector<std::string>>();
        const torch::Tensor expected = m_file.tensors.at("io.tokens").to(torch::kInt64);
        QCOMPARE(static_cast<std::int64_t>(prompts.size()), expected.size(0));
        for (std::size_t i = 0; i < prompts.size(); ++i) {
            const auto ids = tokenizer->tokenize(prompts[i]).ids;
            QVERIFY2(torch::equal(torch::tensor(ids), expected[static_cast<std::int64_t>(i)]), prompts[i].c_str());
        }
    }

    // A Hugging Face file: the same weights under its names, q/k/v split and the projection
    // transposed; the head count from the config.json beside it.
    void huggingFaceNamesGiveTheSameFeatures()
    {
        const QString folder = m_dir.filePath(QStringLiteral("hf"));
        QVERIFY(QDir().mkpath(folder));
        const std::string path = (folder + QStringLiteral("/model.safetensors")).toStdString();
        auto tensors = huggingFaceNames(m_file.tensors, 3);
        tensors["vision_model.embeddings.patch_embedding.weight"] = torch::zeros({4, 3, 2, 2});   // ignored
        QVERIFY(lscore::writeSafetensors(path, tensors, {}).ok());
        std::ofstream((folder + QStringLiteral("/config.json")).toStdString())
            << R"({"text_config": {"num_attention_heads": 4, "hidden_size": 64}})";
        auto hf = lscore::loadClipTextEncoder(path);
        QVERIFY2(hf.ok(), hf.ok() ? "" : hf.error().c_str());
        auto openAi = lscore::loadClipTextEncoder(clipTextFixturePath());
        QVERIFY(openAi.ok());
        QCOMPARE((*hf)->config.heads, 4);
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = m_file.tensors.at("io.tokens").to(torch::kInt64);
        QVERIFY(torch::equal((*hf)->forward(ids), (*openAi)->forward(ids)));
    }

    void unusableFilesAreRefusedClearly_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a text tower") << QStringLiteral("stylegan") << QStringLiteral("holds no CLIP text tower");
        QTest::newRow("no projection (CLIPTextModel)") << QStringLiteral("hf-no-projection") << QStringLiteral("without text_projection");
        QTest::newRow("missing layer tensor") << QStringLiteral("drop-mlp") << QStringLiteral("transformer.resblocks.1.mlp.c_fc.weight");
        QTest::newRow("misshapen projection") << QStringLiteral("bad-projection") << QStringLiteral("sizes do not fit together");
        QTest::newRow("missing q/k/v") << QStringLiteral("hf-no-k") << QStringLiteral("q/k/v");
    }
    void unusableFilesAreRefusedClearly()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        std::map<std::string, torch::Tensor> tensors;
        for (const auto& [name, tensor] : m_file.tensors)
            if (name.rfind("io.", 0) != 0)
                tensors[name] = tensor;
        std::map<std::string, std::string> metadata = {{"config", m_file.metadata.at("config")}};
        if (change == QStringLiteral("stylegan")) {
            tensors = {{"mapping.fc0.weight", torch::zeros({4, 4})}};
        } else if (change == QStringLiteral("hf-no-projection")) {
            tensors = huggingFaceNames(tensors, 3);
            tensors.erase("text_projection.weight");
        } else if (change == QStringLiteral("hf-no-k")) {
            tensors = huggingFaceNames(tensors, 3);
            tensors.erase("text_model.encoder.layers.2.self_attn.k_proj.bias");
        } else if (change == QStringLiteral("drop-mlp")) {
            tensors.erase("transformer.resblocks.1.mlp.c_fc.weight");
        } else if (change == QStringLiteral("bad-projection")) {
            tensors["text_projection"] = torch::zeros({32, 512});
        }
        const std::string path = m_dir.filePath(change + QStringLiteral(".safetensors")).toStdString();
        QVERIFY(lscore::writeSafetensors(path, tensors, metadata).ok());
        auto encoder = lscore::loadClipTextEncoder(path);
        QVERIFY(!encoder.ok());
        QVERIFY2(QString::fromStdString(encoder.error()).contains(message), encoder.error().c_str());
    }

    // latent-studio-lab verify-reference reads the CLIP text fixture format and reproduces it.
    void theLabToolVerifiesTheFixture()
    {
        QProcess lab;
        lab.start(QStringLiteral(LSTUDIO_LAB), {QStringLiteral("verify-reference"), QString::fromStdString(clipTextFixturePath())});
        QVERIFY(lab.waitForFinished(60000));
        const QString out = QString::fromUtf8(lab.readAllStandardOutput());
        QVERIFY2(lab.exitCode() == 0, qPrintable(out + QString::fromUtf8(lab.readAllStandardError())));
        QVERIFY2(out.contains(QStringLiteral("text_features")) && out.contains(QStringLiteral("all outputs match the reference")), qPrintable(out));
    }

    void badIdsThrowANamedError()
    {
        auto encoder = lscore::loadClipTextEncoder(clipTextFixturePath());
        QVERIFY(encoder.ok());
        torch::NoGradGuard noGrad;
        bool threw = false;
        try {
            (*encoder)->forward(torch::full({1, 77}, 50000, torch::kInt64));
        } catch (const c10::Error& error) {
            threw = QString::fromUtf8(error.what_without_backtrace()).contains(QStringLiteral("outside the vocabulary"));
        }
        QVERIFY(threw);
    }
};

QTEST_MAIN(TestClipTextEncoder)
#include "test_clip_text_encoder.moc"
