// Text encoder and the text-conditioned generator variant: shapes, padding, trainability, per-layer text.
#include <string>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "lscore/stylegan2.h"
#include "lscore/text_encoder.h"

namespace {

lscore::TextEncoderConfig encoderConfig()
{
    lscore::TextEncoderConfig config;
    config.vocab_size = 40;
    config.context = 16;
    config.width = 32;
    config.layers = 2;
    config.heads = 4;
    config.out_dim = 24;
    return config;
}

// start, words, end, then padding up to `length`.
torch::Tensor prompt(const std::vector<std::int64_t>& words, std::int64_t length)
{
    std::vector<std::int64_t> ids = {1};
    ids.insert(ids.end(), words.begin(), words.end());
    ids.push_back(2);
    ids.resize(static_cast<std::size_t>(length), 0);
    return torch::tensor(ids, torch::kLong).unsqueeze(0);
}

lscore::StyleGan2Config textGeneratorConfig()
{
    lscore::StyleGan2Config config;
    config.z_dim = 16;
    config.c_dim = 24;
    config.text_dim = 24;
    config.w_dim = 32;
    config.img_resolution = 16;
    config.mapping_layers = 2;
    config.channel_base = 256;
    config.channel_max = 32;
    return config;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

} // namespace

class TestTextEncoder : public QObject {
    Q_OBJECT

private slots:
    void init() { torch::manual_seed(11); }

    void shapesAndUnitPooled()
    {
        lscore::TextEncoder encoder(encoderConfig());
        torch::Tensor ids = torch::cat({prompt({5, 6, 7}, 16), prompt({9}, 16)});
        lscore::TextEncoding e = encoder->forward(ids);
        QCOMPARE(e.tokens.sizes().vec(), (std::vector<std::int64_t>{2, 16, 32}));
        QCOMPARE(e.pooled.sizes().vec(), (std::vector<std::int64_t>{2, 24}));
        QCOMPARE(e.mask.sizes().vec(), (std::vector<std::int64_t>{2, 16}));
        QCOMPARE(e.mask.sum(1)[0].item<std::int64_t>(), 5);
        QCOMPARE(e.mask.sum(1)[1].item<std::int64_t>(), 3);
        // Normalised to unit second moment, as the mapping network's inputs are.
        torch::Tensor moment = e.pooled.square().mean(1);
        QVERIFY(maxAbsDiff(moment, torch::ones({2})) < 1e-4);
        // Different prompts give different embeddings.
        QVERIFY(maxAbsDiff(e.pooled[0], e.pooled[1]) > 1e-3);
    }

    // A prompt's embedding does not depend on how far it is padded nor on its batch neighbours.
    void paddingDoesNotChangeThePrompt()
    {
        lscore::TextEncoder encoder(encoderConfig());
        torch::NoGradGuard noGrad;
        lscore::TextEncoding shortPad = encoder->forward(prompt({5, 6, 7}, 6));
        lscore::TextEncoding longPad = encoder->forward(prompt({5, 6, 7}, 16));
        QVERIFY(maxAbsDiff(shortPad.pooled, longPad.pooled) < 1e-5);
        QVERIFY(maxAbsDiff(shortPad.tokens.narrow(1, 0, 5), longPad.tokens.narrow(1, 0, 5)) < 1e-5);
        lscore::TextEncoding batch = encoder->forward(torch::cat({prompt({5, 6, 7}, 16), prompt({8, 9, 10, 11, 12}, 16)}));
        QVERIFY(maxAbsDiff(batch.pooled[0], longPad.pooled[0]) < 1e-5);
    }

    void refusesBadIds_data()
    {
        QTest::addColumn<std::int64_t>("badId");
        QTest::newRow("beyond vocabulary") << std::int64_t{40};
        QTest::newRow("negative") << std::int64_t{-1};
    }
    void refusesBadIds()
    {
        QFETCH(std::int64_t, badId);
        lscore::TextEncoder encoder(encoderConfig());
        torch::Tensor ids = prompt({5, 6}, 8);
        ids[0][2] = badId;
        QVERIFY_THROWS_EXCEPTION(c10::Error, encoder->forward(ids));
        QVERIFY_THROWS_EXCEPTION(c10::Error, encoder->forward(torch::zeros({1, 17}, torch::kLong)));   // longer than context
    }

    void gradientsReachEveryParameter()
    {
        lscore::TextEncoder encoder(encoderConfig());
        lscore::TextEncoding e = encoder->forward(torch::cat({prompt({5, 6, 7}, 16), prompt({9}, 16)}));
        ((e.pooled * torch::randn_like(e.pooled)).sum() + (e.tokens * torch::randn_like(e.tokens)).sum()).backward();
        for (const auto& item : encoder->named_parameters(true)) {
            QVERIFY2(item.value().grad().defined(), item.key().c_str());
            QVERIFY2(item.value().grad().abs().sum().item<double>() > 0.0, item.key().c_str());
        }
    }

    void stableNames()
    {
        lscore::TextEncoder encoder(encoderConfig());
        auto tensors = lscore::collectTensors(*encoder, "text_encoder.");
        for (const char* name : {"text_encoder.token_embedding.weight", "text_encoder.positional_embedding",
                                 "text_encoder.blocks.0.ln_1.weight", "text_encoder.blocks.1.attn.in_proj.weight",
                                 "text_encoder.blocks.1.attn.out_proj.bias", "text_encoder.blocks.0.mlp.fc.weight",
                                 "text_encoder.blocks.0.mlp.proj.weight", "text_encoder.ln_final.bias",
                                 "text_encoder.projection.weight"}) {
            QVERIFY2(tensors.count(name) == 1, name);
        }
        lscore::TextEncoder other(encoderConfig());
        QVERIFY(lscore::loadTensors(*other, tensors, "text_encoder.").ok());
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(other->forward(prompt({3, 4}, 16)).pooled, encoder->forward(prompt({3, 4}, 16)).pooled));
    }

    void configJson_data()
    {
        QTest::addColumn<std::string>("json");
        QTest::addColumn<bool>("valid");
        QTest::newRow("round trip") << encoderConfig().toJson().dump() << true;
        QTest::newRow("no vocabulary") << std::string(R"({"width": 32})") << false;
        QTest::newRow("heads do not divide width") << std::string(R"({"vocab_size": 10, "width": 30, "heads": 4})") << false;
        QTest::newRow("string layers") << std::string(R"({"vocab_size": 10, "layers": "2"})") << false;
        QTest::newRow("huge") << std::string(R"({"vocab_size": 1000000, "width": 8192, "layers": 64})") << false;
    }
    void configJson()
    {
        QFETCH(std::string, json);
        QFETCH(bool, valid);
        auto config = lscore::TextEncoderConfig::fromJson(nlohmann::json::parse(json));
        QCOMPARE(config.ok(), valid);
        if (valid) QCOMPARE(config->toJson(), nlohmann::json::parse(json));
        else QVERIFY(!config.error().empty());
    }

    // The text generator: every layer reads its own text, so changing one layer's text changes the
    // image, and giving every layer the same text is exactly Generator::forward(z, text).
    void perLayerTextSteersTheImage()
    {
        lscore::Generator g(textGeneratorConfig());
        const int numWs = g->config.numWs();
        QCOMPARE(g->synthesis->blocks[1]->conv0->styles.affine->weight.size(1), 32 + 24);   // [w ; t]
        QCOMPARE(g->mapping->embed->weight.size(1), 24);
        torch::NoGradGuard noGrad;
        const torch::Tensor z = torch::randn({1, 16});
        torch::Tensor textA = torch::randn({1, 24});
        torch::Tensor textB = torch::randn({1, 24});
        lscore::SynthesisOptions options;
        torch::Tensor ws = g->mapping->forward(z, textA, 1.0, -1);
        torch::Tensor layerText = textA.unsqueeze(1).repeat({1, numWs, 1});
        torch::Tensor base = g->synthesis->forward(ws, layerText, options);
        QVERIFY(torch::allclose(base, g->forward(z, textA, 1.0, -1, options), 1e-5, 1e-6));
        for (int layer : {0, numWs / 2, numWs - 1}) {
            torch::Tensor mixed = layerText.clone();
            mixed.select(1, layer).copy_(textB.squeeze(0));
            torch::Tensor image = g->synthesis->forward(ws, mixed, options);
            QVERIFY2(maxAbsDiff(image, base) > 1e-4, qPrintable(QStringLiteral("layer %1").arg(layer)));
        }
        // Without layer text a text model refuses to render.
        QVERIFY_THROWS_EXCEPTION(c10::Error, g->synthesis->forward(ws, torch::Tensor(), options));
    }

    void textReachesThroughGeneratorToEncoder()
    {
        lscore::TextEncoder encoder(encoderConfig());
        lscore::Generator g(textGeneratorConfig());
        lscore::TextEncoding e = encoder->forward(prompt({5, 6}, 16));
        lscore::SynthesisOptions options;
        options.modConvMode = lscore::ModConvMode::Fused;
        torch::Tensor image = g->forward(torch::randn({1, 16}), e.pooled, 1.0, -1, options);
        (image * torch::randn_like(image)).sum().backward();
        QVERIFY(encoder->projection->weight.grad().defined());
        QVERIFY(encoder->projection->weight.grad().abs().sum().item<double>() > 0.0);
        QVERIFY(g->mapping->embed->weight.grad().abs().sum().item<double>() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestTextEncoder)
#include "test_text_encoder.moc"
