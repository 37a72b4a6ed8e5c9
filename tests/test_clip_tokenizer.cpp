// ClipTokenizer: OpenAI CLIP's BPE tokenizer against clip.tokenize() on the fixture's 70 prompts
// (plain English, case, punctuation, contractions, quotes, numbers, accents, scripts, emoji, white
// space, HTML entities, text ftfy repairs, special strings, length limits), and the vocabulary
// files' refusals.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <QTemporaryDir>
#include <zlib.h>
#include <QtTest/QtTest>

#include "lscore/clip_tokenizer.h"
#include "lscore/safetensors.h"

using lscore::ClipTokenizer;

namespace {

const std::string kFixture = LSTUDIO_TEST_DATA "/clip-tokenizer.safetensors";

std::string vocabularyPath()
{
    const std::string path = ClipTokenizer::shippedVocabularyPath();
    if (path.empty())
        qFatal("the shipped CLIP vocabulary is not found (LATENT_STUDIO_CLIP_VOCABULARY)");
    return path;
}

struct Fixture {
    std::vector<std::string> prompts, cleaned;
    torch::Tensor ids, lengths;
};

const Fixture& fixture()
{
    static const Fixture f = [] {
        auto file = lscore::readSafetensors(kFixture);
        if (!file)
            qFatal("%s", file.error().c_str());
        Fixture out;
        out.prompts = nlohmann::json::parse(file->metadata.at("prompts")).get<std::vector<std::string>>();
        out.cleaned = nlohmann::json::parse(file->metadata.at("cleaned")).get<std::vector<std::string>>();
        out.ids = file->tensors.at("tok.ids").to(torch::kInt64);
        out.lengths = file->tensors.at("tok.lengths").to(torch::kInt64);
        return out;
    }();
    return f;
}

const ClipTokenizer& tokenizer()
{
    static const ClipTokenizer t = [] {
        auto opened = ClipTokenizer::open(vocabularyPath());
        if (!opened)
            qFatal("%s", opened.error().c_str());
        return std::move(opened).value();
    }();
    return t;
}

void writeFile(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

// The header and the first `lines` merge lines of the real vocabulary, as merges.txt text.
std::string realMerges(int lines)
{
    static const std::string all = [] {
        std::string text;
        if (gzFile file = gzopen(vocabularyPath().c_str(), "rb")) {
            char buffer[1 << 16];
            int n = 0;
            while ((n = gzread(file, buffer, sizeof buffer)) > 0)
                text.append(buffer, static_cast<std::size_t>(n));
            gzclose(file);
        }
        return text;
    }();
    std::size_t end = 0;
    for (int i = 0; i <= lines && end != std::string::npos; ++i)
        end = all.find('\n', end + (i > 0 ? 1 : 0));
    return all.substr(0, end == std::string::npos ? all.size() : end + 1);
}

} // namespace

class TestClipTokenizer : public QObject {
    Q_OBJECT
private slots:
    void idsEqualTheOfficialTokenizer_data()
    {
        QTest::addColumn<int>("row");
        for (int row = 0; row < static_cast<int>(fixture().prompts.size()); ++row)
            QTest::newRow(QStringLiteral("%1 %2").arg(row).arg(QString::fromStdString(fixture().prompts[static_cast<std::size_t>(row)]).left(40)).toUtf8())
                << row;
    }
    void idsEqualTheOfficialTokenizer()
    {
        QFETCH(int, row);
        const auto index = static_cast<std::size_t>(row);
        const std::string& prompt = fixture().prompts[index];
        QCOMPARE(QString::fromStdString(ClipTokenizer::cleanText(prompt)), QString::fromStdString(fixture().cleaned[index]));
        const lscore::ClipTokens tokens = tokenizer().tokenize(prompt);
        const torch::Tensor expected = fixture().ids[row];
        std::vector<std::int64_t> want(expected.data_ptr<std::int64_t>(), expected.data_ptr<std::int64_t>() + expected.numel());
        QCOMPARE(tokens.ids, want);
        QCOMPARE(tokens.length, static_cast<int>(fixture().lengths[row].item<std::int64_t>()));
        QCOMPARE(tokens.truncated, tokens.length > ClipTokenizer::kContext);
    }

    // The longest prompt the studio accepts as one "word": cut at 77 ids, with the length counted.
    void aHugeWordIsTokenizedInSlices()
    {
        const std::string word(4096, 'q');
        const lscore::ClipTokens tokens = tokenizer().tokenize(word);
        QVERIFY(tokens.truncated);
        QVERIFY(tokens.length > ClipTokenizer::kContext);
        QCOMPARE(tokens.ids.size(), std::size_t{77});
        QCOMPARE(tokens.ids.back(), ClipTokenizer::kEndId);
        // A word within the slice length is merged whole, as CLIP does.
        const std::string normal = "supercalifragilisticexpialidocious";
        QCOMPARE(tokenizer().encode(normal), tokenizer().encode(" " + normal + " "));
    }

    void vocabularyHasTheOfficialLayout()
    {
        QCOMPARE(tokenizer().idOf("!"), std::int64_t{0});
        QCOMPARE(tokenizer().idOf("!</w>"), std::int64_t{256});
        QCOMPARE(tokenizer().idOf("<|startoftext|>"), ClipTokenizer::kStartId);
        QCOMPARE(tokenizer().idOf("<|endoftext|>"), ClipTokenizer::kEndId);
        QCOMPARE(tokenizer().idOf("not a token"), std::int64_t{-1});
        // The merge text is the one the fixture names.
        QCOMPARE(QString::fromStdString(tokenizer().sourceSha256()),
                 QStringLiteral("67603cfda2e032ad77b5f8808af37789d590db664b26df8705d2bf8b3c553fc8"));
    }

    // A Hugging Face download: merges.txt (+ vocab.json) in a folder, found by the folder's name.
    void huggingFaceFilesAreReadAndChecked()
    {
        QTemporaryDir dir;
        const std::string merges = realMerges(ClipTokenizer::kMerges);
        writeFile(dir.filePath(QStringLiteral("merges.txt")), merges);
        nlohmann::json vocab = nlohmann::json::object();
        auto plain = ClipTokenizer::fromMergesText(merges, "merges.txt");
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.error().c_str());
        auto opened = ClipTokenizer::open(dir.path().toStdString());
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().c_str());
        QCOMPARE(opened->tokenize("a photo of a cat").ids, tokenizer().tokenize("a photo of a cat").ids);

        // vocab.json with one id moved: the two files do not belong together.
        for (const char* token : {"!", "a</w>", "<|endoftext|>"})
            vocab[token] = opened->idOf(token);
        writeFile(dir.filePath(QStringLiteral("vocab.json")), vocab.dump());
        auto mismatched = ClipTokenizer::open(dir.filePath(QStringLiteral("merges.txt")).toStdString());
        QVERIFY(!mismatched.ok());
        QVERIFY2(QString::fromStdString(mismatched.error()).contains(QStringLiteral("not from one CLIP vocabulary")),
                 mismatched.error().c_str());
        writeFile(dir.filePath(QStringLiteral("vocab.json")), "{ not json");
        auto broken = ClipTokenizer::open(dir.path().toStdString());
        QVERIFY(!broken.ok());
        QVERIFY2(QString::fromStdString(broken.error()).contains(QStringLiteral("vocab.json")), broken.error().c_str());
    }

    void badVocabulariesAreRefusedClearly_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
        QTest::newRow("too few merges") << QByteArray("#version: 0.2\ni n\nt h\n") << QStringLiteral("ends after 2 merges");
        QTest::newRow("garbage line") << QByteArray("#version: 0.2\ni n\nthis is not a merge\n")
                                      << QStringLiteral("line 3: \"this is not a merge\" is not a merge");
        QTest::newRow("unknown symbol") << QByteArray("#version: 0.2\nzzz q\n") << QStringLiteral("line 2");
        QTest::newRow("binary") << QByteArray("#version: 0.2\n\x1f\x8b\x08\x00 garbage\n", 27) << QStringLiteral("line 2: \"???? garbage\" is not a merge");
    }
    void badVocabulariesAreRefusedClearly()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        auto result = ClipTokenizer::fromMergesText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "merges.txt");
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error()).contains(message), result.error().c_str());
    }

    void missingAndDamagedFilesAreRefusedClearly()
    {
        QTemporaryDir dir;
        auto missing = ClipTokenizer::open(dir.filePath(QStringLiteral("nothing.txt")).toStdString());
        QVERIFY(!missing.ok());
        QVERIFY2(QString::fromStdString(missing.error()).contains(QStringLiteral("does not exist")), missing.error().c_str());
        auto empty = ClipTokenizer::open(dir.path().toStdString());
        QVERIFY(!empty.ok());
        QVERIFY2(QString::fromStdString(empty.error()).contains(QStringLiteral("holds no CLIP vocabulary")), empty.error().c_str());
        // A truncated gzip stream.
        std::ifstream in(vocabularyPath(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        writeFile(dir.filePath(QStringLiteral("cut.txt.gz")), bytes.substr(0, bytes.size() / 2));
        auto cut = ClipTokenizer::open(dir.filePath(QStringLiteral("cut.txt.gz")).toStdString());
        QVERIFY(!cut.ok());
        QVERIFY2(QString::fromStdString(cut.error()).contains(QStringLiteral("cut.txt.gz")), cut.error().c_str());
    }
};

QTEST_MAIN(TestClipTokenizer)
#include "test_clip_tokenizer.moc"
