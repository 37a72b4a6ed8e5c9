// safetensors: every malformed input refused with a message naming the file and the problem;
// write→read round trips in F32/F16/BF16; the checked-in fixtures; write failures cleaned up.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <QtTest/QtTest>

#include "support/file_size_limit.h"

#include "lscore/safetensors.h"

using lscore::StoredDtype;

Q_DECLARE_METATYPE(std::vector<std::byte>)

namespace {

const std::string kDisplayName = "broken.safetensors";

// u64 little-endian header length | header | data, exactly as given (no padding, no checks).
std::vector<std::byte> assemble(std::uint64_t declaredHeaderLength, const std::string& header, std::size_t dataBytes) {
    std::vector<std::byte> bytes(8 + header.size() + dataBytes, std::byte{0x5a});
    std::memcpy(bytes.data(), &declaredHeaderLength, 8);
    std::memcpy(bytes.data() + 8, header.data(), header.size());
    return bytes;
}

std::vector<std::byte> assemble(const std::string& header, std::size_t dataBytes) {
    return assemble(header.size(), header, dataBytes);
}

// A well-formed two-tensor file: a = 2×3 F32 (24 bytes), b = 4 F16 (8 bytes).
const std::string kValidHeader =
    R"({"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F16","shape":[4],"data_offsets":[24,32]}})";

std::vector<std::byte> validFile() { return assemble(kValidHeader, 32); }

std::vector<std::byte> truncated(std::vector<std::byte> bytes, std::size_t size) {
    bytes.resize(size);
    return bytes;
}

std::vector<std::byte> readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::byte> bytes(chars.size());
    std::memcpy(bytes.data(), chars.data(), chars.size());
    return bytes;
}

std::string data(const char* name) { return std::string(LSTUDIO_TEST_DATA) + "/" + name; }

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    void malformedInputIsRefused_data()
    {
        QTest::addColumn<std::vector<std::byte>>("bytes");
        QTest::addColumn<QString>("expectedPhrase");

        const auto file = [](const std::string& header, std::size_t dataBytes) { return assemble(header, dataBytes); };
        const auto phrase = [](const char* text) { return QString::fromUtf8(text); };

        QTest::newRow("empty file") << std::vector<std::byte>{} << phrase("too short");
        QTest::newRow("4 bytes") << truncated(validFile(), 4) << phrase("too short");
        QTest::newRow("only the length") << truncated(validFile(), 8) << phrase("exceeds the file size");
        QTest::newRow("truncated in the data") << truncated(validFile(), validFile().size() - 5)
                                               << phrase("past the end of the data");
        QTest::newRow("header length beyond the file") << assemble(1000, "{}", 0) << phrase("exceeds the file size");
        QTest::newRow("huge header length 2^60") << assemble(1ull << 60, "{}", 0) << phrase("exceeds the cap");
        QTest::newRow("header just over the cap")
            << assemble(lscore::kMaxSafetensorsHeaderBytes + 1, "{}", 0) << phrase("exceeds the cap");
        QTest::newRow("invalid JSON") << file(R"({"a": {"dtype": )", 0) << phrase("not valid JSON");
        QTest::newRow("JSON array") << file("[1, 2, 3]", 0) << phrase("not an object mapping tensor names");
        QTest::newRow("entry not an object") << file(R"({"a": 5})", 0) << phrase("instead of an object");
        QTest::newRow("entry lacks data_offsets") << file(R"({"a":{"dtype":"F32","shape":[1]}})", 4)
                                                  << phrase("lacks one of dtype, shape and data_offsets");
        QTest::newRow("unknown dtype") << file(R"({"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16)
                                       << phrase("unknown dtype 'F128'");
        QTest::newRow("dtype libtorch cannot hold")
            << file(R"({"a":{"dtype":"U32","shape":[2],"data_offsets":[0,8]}})", 8) << phrase("libtorch cannot hold");
        QTest::newRow("negative shape entry") << file(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4)
                                              << phrase("list of non-negative integers");
        QTest::newRow("float shape entry") << file(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4)
                                           << phrase("list of non-negative integers");
        QTest::newRow("shape not a list") << file(R"({"a":{"dtype":"F32","shape":4,"data_offsets":[0,16]}})", 16)
                                          << phrase("shape that is not a list");
        QTest::newRow("shape size overflows")
            << file(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}})", 4)
            << phrase("overflows 64 bits");
        QTest::newRow("dtype/size mismatch")
            << file(R"({"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 20)
            << phrase("tensor 'a' declares 2 × 3 F32 (24 bytes) but its data_offsets span 20 bytes — the file is "
                      "corrupt or was written incorrectly");
        QTest::newRow("offsets overlap")
            << file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12)
            << phrase("overlaps tensor 'a'");
        QTest::newRow("offsets out of range")
            << file(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8) << phrase("past the end of the data");
        QTest::newRow("gap between tensors")
            << file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})", 12)
            << phrase("gap of 4 bytes before tensor 'b'");
        QTest::newRow("data not covered")
            << file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 8) << phrase("do not cover the data");
        QTest::newRow("begin after end") << file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8)
                                         << phrase("begin is after its end");
        QTest::newRow("offsets not a pair") << file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", 4)
                                            << phrase("expected [begin, end]");
        QTest::newRow("metadata non-string value") << file(R"({"__metadata__":{"steps":1000}})", 0)
                                                   << phrase("metadata values must be strings");
        QTest::newRow("metadata not an object") << file(R"({"__metadata__":["x"]})", 0)
                                                << phrase("not an object of strings");
        QTest::newRow("hostile nesting") << file(std::string(100000, '[') + std::string(100000, ']'), 0)
                                         << phrase("nested more than");
        QTest::newRow("tensor named twice")
            << file(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})", 4)
            << phrase("gives the key \"w\" twice");
    }

    void malformedInputIsRefused()
    {
        QFETCH(std::vector<std::byte>, bytes);
        QFETCH(QString, expectedPhrase);
        auto result = lscore::readSafetensorsFromBytes(bytes, kDisplayName);
        QVERIFY2(!result.ok(), "a malformed file was accepted");
        const QString message = QString::fromStdString(result.error());
        QVERIFY2(message.contains(expectedPhrase), qPrintable(message));
        QVERIFY2(message.startsWith(QString::fromStdString(kDisplayName)), qPrintable(message));
    }

    // Every prefix of a valid file is refused without crashing (what a half-copied model looks like).
    void everyTruncationIsRefused()
    {
        const std::vector<std::byte> bytes = validFile();
        QVERIFY(lscore::readSafetensorsFromBytes(bytes, kDisplayName).ok());
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
            QVERIFY2(!lscore::readSafetensorsFromBytes(prefix, kDisplayName).ok(), qPrintable(QString::number(size)));
        }
    }

    // Damage anywhere in a real header is either refused or yields tensors that still account for
    // every data byte: never a crash, never a tensor reading past the data.
    void headerByteDamageIsContained()
    {
        const std::vector<std::byte> original = readAll(data("numpy-seeds.safetensors"));
        std::uint64_t headerLength = 0;
        std::memcpy(&headerLength, original.data(), 8);
        const std::size_t dataBytes = original.size() - 8 - headerLength;
        int refused = 0;
        for (std::size_t position = 0; position < 8 + headerLength; ++position) {
            for (const char replacement : {'\0', '9', '"', '{'}) {
                std::vector<std::byte> damaged = original;
                damaged[position] = static_cast<std::byte>(replacement);
                auto file = lscore::readSafetensorsFromBytes(damaged, kDisplayName);
                if (!file.ok()) {
                    ++refused;
                    continue;
                }
                std::size_t covered = 0;
                for (const auto& [name, tensor] : file->tensors)
                    covered += static_cast<std::size_t>(tensor.numel()) * lscore::byteSize(file->storedDtypes.at(name));
                QCOMPARE(covered, dataBytes);
            }
        }
        QVERIFY(refused > 0);
    }

    void roundTripKeepsShapesMetadataAndValues_data()
    {
        QTest::addColumn<int>("dtype");
        QTest::addColumn<double>("relativeTolerance");
        QTest::newRow("F32") << static_cast<int>(StoredDtype::F32) << 0.0;
        QTest::newRow("F16") << static_cast<int>(StoredDtype::F16) << 1.0 / 1024;   // 10 mantissa bits
        QTest::newRow("BF16") << static_cast<int>(StoredDtype::BF16) << 1.0 / 128;  // 7 mantissa bits
    }

    void roundTripKeepsShapesMetadataAndValues()
    {
        QFETCH(int, dtype);
        QFETCH(double, relativeTolerance);
        const auto stored = static_cast<StoredDtype>(dtype);
        torch::manual_seed(3);
        const std::map<std::string, torch::Tensor> tensors = {
            {"synthesis.b4.const", torch::randn({8, 4, 4})},
            {"mapping.fc0.weight", torch::randn({5, 7}, torch::kFloat64)},  // converted like any float
            {"synthesis.b4.conv1.noise_strength", torch::tensor(0.25f)},   // 0-d scalar
            {"io.c", torch::empty({2, 0})},                                // empty, as in the fixtures
            {"seeds", torch::tensor(std::vector<std::int64_t>{0, 1, 4294967295LL})},  // integers keep their dtype
        };
        const std::map<std::string, std::string> metadata = {{"description", R"({"name":"ü ✓"})"}, {"empty", ""}};
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("model.safetensors")).toStdString();
        const lscore::Status written = lscore::writeSafetensors(path, tensors, metadata, {stored});
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        QVERIFY2(!std::filesystem::exists(path + ".partial"), "the partial file was left behind");

        const std::vector<std::byte> bytes = readAll(path);
        std::uint64_t headerLength = 0;
        std::memcpy(&headerLength, bytes.data(), 8);
        QCOMPARE(headerLength % 8, std::uint64_t{0});

        auto file = lscore::readSafetensors(path);
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().c_str());
        QCOMPARE(file->metadata, metadata);
        QCOMPARE(file->tensors.size(), tensors.size());
        for (const auto& [name, original] : tensors) {
            const torch::Tensor& back = file->tensors.at(name);
            QCOMPARE(back.sizes().vec(), original.sizes().vec());
            if (name == "seeds") {
                QCOMPARE(file->storedDtypes.at(name), StoredDtype::I64);
                QCOMPARE(back.scalar_type(), torch::kInt64);
                QVERIFY(torch::equal(back, original));
                continue;
            }
            QCOMPARE(file->storedDtypes.at(name), stored);
            QCOMPARE(back.scalar_type(), torch::kFloat32);
            const torch::Tensor expected = original.to(torch::kFloat32);
            if (relativeTolerance == 0.0) QVERIFY2(torch::equal(back, expected), name.c_str());
            else QVERIFY2(torch::allclose(back, expected, relativeTolerance, 1e-6), name.c_str());
        }
        // Data laid out sorted by name: the header's offsets grow in name order.
        const std::string header(reinterpret_cast<const char*>(bytes.data() + 8), headerLength);
        QVERIFY(header.find("\"io.c\"") < header.find("\"mapping.fc0.weight\""));
    }

    void modelFixturesRead_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("resolution");
        QTest::addColumn<qint64>("conditionColumns");
        QTest::newRow("uncond 32") << QStringLiteral("stylegan2-uncond-32.safetensors") << 32 << qint64(0);
        QTest::newRow("cond 64") << QStringLiteral("stylegan2-cond-64.safetensors") << 64 << qint64(4);
    }

    void modelFixturesRead()
    {
        QFETCH(QString, fileName);
        QFETCH(int, resolution);
        QFETCH(qint64, conditionColumns);
        auto file = lscore::readSafetensors(data(fileName.toUtf8().constData()));
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().c_str());
        QVERIFY(file->metadata.count("init_kwargs") == 1);
        const torch::Tensor& conditions = file->tensors.at("io.c");
        QCOMPARE(conditions.sizes().vec(), (std::vector<std::int64_t>{2, conditionColumns}));
        QCOMPARE(file->tensors.at("synthesis.b4.conv1.noise_strength").dim(), std::int64_t{0});
        const std::string last = "synthesis.b" + std::to_string(resolution) + ".torgb.weight";
        QCOMPARE(file->tensors.at(last).size(0), std::int64_t{3});
        // NVlabs' resample filter is outer([1,3,3,1]) / 64: values a corrupt read could not produce.
        const torch::Tensor filter = file->tensors.at("synthesis.b4.resample_filter");
        QCOMPARE(filter[0][0].item<float>(), 1.0f / 64);
        QCOMPARE(filter[1][2].item<float>(), 9.0f / 64);
    }

    void seedFixtureKeepsFloat64AndInt64()
    {
        auto file = lscore::readSafetensors(data("numpy-seeds.safetensors"));
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().c_str());
        QCOMPARE(file->tensors.at("seeds").scalar_type(), torch::kInt64);
        QCOMPARE(file->storedDtypes.at("seeds"), StoredDtype::I64);
        QCOMPARE(file->tensors.at("z512_f64").scalar_type(), torch::kFloat64);
        QCOMPARE(file->tensors.at("z512_f64").sizes().vec(), (std::vector<std::int64_t>{9, 512}));
        QCOMPARE(file->tensors.at("z64_f32").scalar_type(), torch::kFloat32);
    }

    void missingFileNamesThePath()
    {
        auto file = lscore::readSafetensors("/nonexistent/model.safetensors");
        QVERIFY(!file.ok());
        QVERIFY2(file.error().find("/nonexistent/model.safetensors") != std::string::npos, file.error().c_str());
    }

    void unwritableDirectoryGivesClearError()
    {
        const std::string path = "/nonexistent-latent-studio-dir/model.safetensors";
        const lscore::Status status = lscore::writeSafetensors(path, {{"a", torch::ones({2})}}, {});
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find(path) != std::string::npos, status.error().c_str());
        QVERIFY2(status.error().find("No such file or directory") != std::string::npos, status.error().c_str());
    }

    // A full disk while replacing a model: the old file stays whole and nothing is left beside it.
    void fullDiskKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("model.safetensors")).toStdString();
        QVERIFY(lscore::writeSafetensors(path, {{"small", torch::ones({4})}}, {}).ok());
        const auto before = lscore::readSafetensors(path);
        QVERIFY(before.ok());
        lscore::Status status = lscore::Status::success();
        {
            const FileSizeLimit limit(64 * 1024);
            status = lscore::writeSafetensors(path, {{"big", torch::ones({1 << 20})}}, {{"k", "v"}});
        }
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find(path) != std::string::npos, status.error().c_str());
        const auto after = lscore::readSafetensors(path);
        QVERIFY(after.ok());
        QVERIFY(torch::equal(after->tensors.at("small"), before->tensors.at("small")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void writerRefusesIntegerStorageForFloats()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("m.safetensors")).toStdString();
        const lscore::Status status = lscore::writeSafetensors(path, {{"a", torch::ones({2})}}, {}, {StoredDtype::I32});
        QVERIFY(!status.ok());
        QVERIFY(!std::filesystem::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
