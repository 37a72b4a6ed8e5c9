// SHA-256 against the FIPS 180-4 / NIST example vectors, incremental hashing, and file hashing.
#include <algorithm>
#include <cstddef>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include <QtTest/QtTest>

#include "lscore/sha256.h"

namespace {

std::span<const std::byte> bytesOf(const std::string& text) { return std::as_bytes(std::span(text.data(), text.size())); }

} // namespace

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    void standardVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("896 bits")
            << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            << QStringLiteral("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("one million a") << QByteArray(1000000, 'a')
                                       << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    void standardVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, digest);
        const std::string text = message.toStdString();
        QCOMPARE(QString::fromStdString(lscore::sha256Hex(bytesOf(text))), digest);

        // The same digest when the data arrives in awkward pieces (1, 63, 64, 65 bytes ...).
        lscore::Sha256 hasher;
        std::size_t offset = 0;
        for (std::size_t piece = 1; offset < text.size(); piece = piece % 130 + 1) {
            const std::size_t take = std::min(piece, text.size() - offset);
            hasher.update(bytesOf(text).subspan(offset, take));
            offset += take;
        }
        QCOMPARE(QString::fromStdString(lscore::Sha256::toHex(hasher.finish())), digest);
    }

    void fileHashEqualsMemoryHash()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("blob.bin")).toStdString();
        std::string content(3 * (1 << 20) + 17, '\0');   // crosses the 1 MiB read boundary
        for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 2654435761u) >> 13);
        std::ofstream(path, std::ios::binary).write(content.data(), static_cast<std::streamsize>(content.size()));
        auto hash = lscore::sha256OfFile(path);
        QVERIFY2(hash.ok(), hash.ok() ? "" : hash.error().c_str());
        QCOMPARE(*hash, lscore::sha256Hex(bytesOf(content)));
    }

    void unreadableFileIsAnError()
    {
        auto missing = lscore::sha256OfFile("/nonexistent/model.safetensors");
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().find("/nonexistent/model.safetensors") != std::string::npos, missing.error().c_str());
        QTemporaryDir dir;
        QVERIFY(!lscore::sha256OfFile(dir.path().toStdString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"
