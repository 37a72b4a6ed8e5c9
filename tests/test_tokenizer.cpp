// WordTokenizer: the ids a text model receives and the hints the prompt editor shows.
#include <cstdint>
#include <string>
#include <vector>

#include <QtTest/QtTest>

#include "lscore/tokenizer.h"

using lscore::WordTokenizer;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)

namespace {

const std::vector<std::string> kVocabulary = {"a", "red", "star", "blue", "ring", "stars", "scar", "stair", "on"};
constexpr std::int64_t id(int vocabularyIndex) { return lscore::kFirstWordToken + vocabularyIndex; }

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
private slots:
    void idsFollowTheVocabulary_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<std::vector<std::int64_t>>("ids");
        QTest::newRow("plain") << QStringLiteral("a red star") << std::vector<std::int64_t>{1, id(0), id(1), id(2), 2, 0, 0, 0};
        QTest::newRow("case and punctuation") << QStringLiteral("  A RED,star!!") << std::vector<std::int64_t>{1, id(0), id(1), id(2), 2, 0, 0, 0};
        QTest::newRow("empty") << QString() << std::vector<std::int64_t>{1, 2, 0, 0, 0, 0, 0, 0};
        QTest::newRow("unknown words left out") << QStringLiteral("a green star") << std::vector<std::int64_t>{1, id(0), id(2), 2, 0, 0, 0, 0};
        QTest::newRow("exactly full") << QStringLiteral("a red star on a blue")
                                      << std::vector<std::int64_t>{1, id(0), id(1), id(2), id(8), id(0), id(3), 2};
    }

    void idsFollowTheVocabulary()
    {
        QFETCH(QString, prompt);
        QFETCH(std::vector<std::int64_t>, ids);
        const WordTokenizer tokenizer(kVocabulary, 8);
        const lscore::PromptCheck check = tokenizer.check(prompt.toStdString());
        QCOMPARE(check.ids, ids);
        QVERIFY(!check.truncated);
        QCOMPARE(tokenizer.vocabularySize(), 3 + static_cast<int>(kVocabulary.size()));
    }

    void tooManyWordsAreTruncated()
    {
        const WordTokenizer tokenizer(kVocabulary, 8);
        const lscore::PromptCheck check = tokenizer.check("a red star on a blue ring");
        QVERIFY(check.truncated);
        QVERIFY(!check.ok());
        QCOMPARE(check.ids.size(), std::size_t{8});
        QCOMPARE(check.ids.back(), std::int64_t{lscore::kEndToken});
        QVERIFY(QString::fromStdString(check.message()).contains(QStringLiteral("more words than the model reads")));
    }

    void unknownWordsGetSuggestions_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        QTest::addColumn<QStringList>("suggestions");
        QTest::newRow("one typo") << QStringLiteral("a red strar") << QStringLiteral("strar") << 6 << 11
                                  << QStringList{QStringLiteral("star"), QStringLiteral("stars"), QStringLiteral("scar")};
        QTest::newRow("ties keep vocabulary order") << QStringLiteral("stat") << QStringLiteral("stat") << 0 << 4
                                                    << QStringList{QStringLiteral("star"), QStringLiteral("stars"), QStringLiteral("scar")};
        QTest::newRow("upper case reported lower") << QStringLiteral("BLUR ring") << QStringLiteral("blur") << 0 << 4
                                                   << QStringList{QStringLiteral("blue")};
        QTest::newRow("nothing close") << QStringLiteral("red xylophone") << QStringLiteral("xylophone") << 4 << 13
                                       << QStringList{};
        QTest::newRow("utf-8 word stays whole") << QStringLiteral("red Straße") << QStringLiteral("straße") << 4 << 11
                                                << QStringList{};
    }

    void unknownWordsGetSuggestions()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, word);
        QFETCH(int, begin);
        QFETCH(int, end);
        QFETCH(QStringList, suggestions);
        const WordTokenizer tokenizer(kVocabulary, 8);
        const lscore::PromptCheck check = tokenizer.check(prompt.toStdString());
        QVERIFY(!check.ok());
        QCOMPARE(check.unknown.size(), std::size_t{1});
        const lscore::UnknownWord& unknown = check.unknown[0];
        QCOMPARE(QString::fromStdString(unknown.word), word);
        QCOMPARE(unknown.begin, begin);
        QCOMPARE(unknown.end, end);
        QStringList got;
        for (const std::string& suggestion : unknown.suggestions) got << QString::fromStdString(suggestion);
        QCOMPARE(got, suggestions);
    }

    void messageNamesWordsAndSuggestions()
    {
        const WordTokenizer tokenizer(kVocabulary, 8);
        QCOMPARE(tokenizer.check("a red star").message(), std::string());
        const std::string message = tokenizer.check("a rad strar").message();
        QVERIFY2(message.find("Unknown words: rad (did you mean red") != std::string::npos, message.c_str());
        QVERIFY2(message.find("strar (did you mean star, stars or scar?)") != std::string::npos, message.c_str());
        // A word with no near neighbour still gets the list of words the model does know.
        const std::string far = tokenizer.check("a dragon").message();
        QVERIFY2(far.find("Unknown word: dragon. Replace or remove it: this model knows only these words: ") == 0, far.c_str());
        QVERIFY2(far.find("star") != std::string::npos, far.c_str());
    }

    void defaultTokenizerIsHarmless()
    {
        const WordTokenizer tokenizer;
        const lscore::PromptCheck check = tokenizer.check("anything at all");
        QVERIFY(check.ids.empty());
        QCOMPARE(check.unknown.size(), std::size_t{3});
        QVERIFY(check.unknown[0].suggestions.empty());
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
