#pragma once
// The CLIP text-tower fixture (the official encode_text on random weights, width 64, real
// vocabulary) and towers made from it for tests of CLIP-conditioned models.
//
// tests/data keeps the fixture's token embedding as the rows its prompts use
// (token_embedding.rows + token_embedding.row_values; 1 MB instead of 13 MB): clipTextFixture()
// restores the full [49408, 64] matrix, the other rows zero, as a text tower reads it.
#include <map>
#include <string>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <QTemporaryDir>

#include "lscore/safetensors.h"

inline const lscore::TensorFile& clipTextFixture()
{
    static const lscore::TensorFile file = [] {
        auto stored = lscore::readSafetensors(LSTUDIO_TEST_DATA "/clip-text-w64-l3.rows.safetensors");
        if (!stored) qFatal("%s", stored.error().c_str());
        lscore::TensorFile full = std::move(stored).value();
        const torch::Tensor rows = full.tensors.at("token_embedding.rows");
        const torch::Tensor values = full.tensors.at("token_embedding.row_values");
        torch::Tensor embedding = torch::zeros({49408, values.size(1)});
        embedding.index_copy_(0, rows, values);
        full.tensors.erase("token_embedding.rows");
        full.tensors.erase("token_embedding.row_values");
        full.tensors["token_embedding.weight"] = embedding;
        return full;
    }();
    return file;
}

// The full fixture as a file, written once per process, for code that opens a path.
inline const std::string& clipTextFixturePath()
{
    static QTemporaryDir dir;
    static const std::string path = [] {
        const std::string written = dir.filePath(QStringLiteral("clip-text-w64-l3.safetensors")).toStdString();
        if (auto status = lscore::writeSafetensors(written, clipTextFixture().tensors, clipTextFixture().metadata); !status)
            qFatal("%s", status.error().c_str());
        return written;
    }();
    return path;
}

// The fixture's tower with a fixed random projection to `featureDim`, written in OpenAI's names.
// The LAFITE fixture reads 16-wide features, which no released CLIP gives.
inline lscore::Status writeClipTextTower(const std::string& path, int featureDim, std::uint64_t seed = 7)
{
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& [name, tensor] : clipTextFixture().tensors)
        if (name.rfind("io.", 0) != 0) tensors[name] = tensor;
    auto generator = at::detail::createCPUGenerator(seed);
    tensors["text_projection"] = torch::randn({64, featureDim}, generator, torch::kFloat32) * 0.125;
    return lscore::writeSafetensors(path, tensors, {{"config", clipTextFixture().metadata.at("config")}});
}
