#pragma once
// WordTokenizer: the text models' tokenizer. Lower-cases, splits on anything that is not a letter or
// digit, maps each word to its vocabulary id. Only ASCII is lower-cased; UTF-8 bytes count as letters,
// so non-English words stay whole. Torch-free: the prompt editor uses checkPrompt() to mark
// unknown words as the user types and to offer the nearest known words.
//
// Ids: 0 = padding, 1 = start, 2 = end, 3 + i = vocabulary[i].
//
//   lscore::WordTokenizer tok(description.conditioning.vocabulary, description.conditioning.context);
//   lscore::PromptCheck check = tok.check("a red strar");
//   // check.unknown[0].word == "strar", check.unknown[0].suggestions == {"star", ...}

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace lscore {

inline constexpr int kPadToken = 0;
inline constexpr int kStartToken = 1;
inline constexpr int kEndToken = 2;
inline constexpr int kFirstWordToken = 3;

struct UnknownWord {
    std::string word;
    int begin = 0;   // byte offsets into the prompt, for underlining in the editor
    int end = 0;
    // Known words within 2 edits (Levenshtein), nearest first, ties in vocabulary order; at most 3.
    std::vector<std::string> suggestions;
};

struct PromptCheck {
    // start, known words..., end, padding: exactly context ids (empty when context < 2). Unknown
    // words are left out, since the model has no id for them; words past the context are dropped.
    std::vector<std::int64_t> ids;
    std::vector<UnknownWord> unknown;
    bool truncated = false;               // more words than the context holds
    // Set when a word is unknown: the model's whole vocabulary (up to kMaxListedVocabulary words,
    // then "…"), so that the message says which words can be used.
    std::string knownWords;
    // Not a problem, worth showing (a CLIP prompt cut at 77 tokens); "" when none.
    std::string note;
    bool ok() const { return unknown.empty() && !truncated; }
    // "Unknown words: strar (did you mean star?) ... This model knows only these words: ..." or "".
    std::string message() const;
};

inline constexpr std::size_t kMaxListedVocabulary = 200;

class WordTokenizer {
public:
    WordTokenizer() = default;
    WordTokenizer(std::vector<std::string> vocabulary, int context);

    PromptCheck check(const std::string& prompt) const;
    const std::vector<std::string>& vocabulary() const { return m_vocabulary; }
    int context() const { return m_context; }
    int vocabularySize() const { return kFirstWordToken + static_cast<int>(m_vocabulary.size()); }

private:
    std::vector<std::string> m_vocabulary;
    std::unordered_map<std::string, int> m_ids;
    int m_context = 0;
};

} // namespace lscore
