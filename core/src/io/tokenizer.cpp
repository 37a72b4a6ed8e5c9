#include "lscore/tokenizer.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <string_view>

namespace lscore {
namespace {

// Suggestions further away than this are noise rather than help.
constexpr int kMaxSuggestionDistance = 2;
constexpr std::size_t kMaxSuggestions = 3;

// Bytes >= 0x80 belong to UTF-8 sequences: they count as letters so that non-English words stay
// whole; only ASCII is lower-cased.
bool isWordByte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char lowerAscii(unsigned char c) {
    return static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
}

struct WordSpan {
    std::string word;
    int begin;
    int end;
};

std::vector<WordSpan> splitWords(const std::string& text) {
    std::vector<WordSpan> words;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!isWordByte(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        WordSpan span{{}, static_cast<int>(i), 0};
        while (i < text.size() && isWordByte(static_cast<unsigned char>(text[i])))
            span.word.push_back(lowerAscii(static_cast<unsigned char>(text[i++])));
        span.end = static_cast<int>(i);
        words.push_back(std::move(span));
    }
    return words;
}

// Levenshtein distance, giving up (returning limit + 1) once every path is longer than limit.
int editDistance(std::string_view a, std::string_view b, int limit) {
    const int lengthGap = static_cast<int>(a.size()) - static_cast<int>(b.size());
    if (std::abs(lengthGap) > limit) return limit + 1;
    std::vector<int> previous(b.size() + 1);
    std::vector<int> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        int rowBest = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            rowBest = std::min(rowBest, current[j]);
        }
        if (rowBest > limit) return limit + 1;
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

} // namespace

WordTokenizer::WordTokenizer(std::vector<std::string> vocabulary, int context)
    : m_vocabulary(std::move(vocabulary)), m_context(std::max(context, 0)) {
    for (std::size_t i = 0; i < m_vocabulary.size(); ++i) {
        // The first occurrence wins, so a duplicated word keeps the id the model was trained with.
        m_ids.emplace(m_vocabulary[i], kFirstWordToken + static_cast<int>(i));
    }
}

PromptCheck WordTokenizer::check(const std::string& prompt) const {
    PromptCheck result;
    const std::size_t capacity = m_context >= 2 ? static_cast<std::size_t>(m_context - 2) : 0;
    std::vector<std::int64_t> wordIds;
    for (WordSpan& span : splitWords(prompt)) {
        const auto found = m_ids.find(span.word);
        if (found != m_ids.end()) {
            if (wordIds.size() < capacity) wordIds.push_back(found->second);
            else result.truncated = true;
            continue;
        }
        UnknownWord unknown{std::move(span.word), span.begin, span.end, {}};
        std::vector<std::pair<int, std::size_t>> candidates;  // (distance, vocabulary index): stable order
        for (std::size_t i = 0; i < m_vocabulary.size(); ++i) {
            const int distance = editDistance(unknown.word, m_vocabulary[i], kMaxSuggestionDistance);
            if (distance <= kMaxSuggestionDistance) candidates.emplace_back(distance, i);
        }
        std::sort(candidates.begin(), candidates.end());
        for (std::size_t k = 0; k < candidates.size() && unknown.suggestions.size() < kMaxSuggestions; ++k) {
            const std::string& word = m_vocabulary[candidates[k].second];
            if (std::find(unknown.suggestions.begin(), unknown.suggestions.end(), word) == unknown.suggestions.end())
                unknown.suggestions.push_back(word);
        }
        result.unknown.push_back(std::move(unknown));
    }
    if (!result.unknown.empty()) {
        for (std::size_t i = 0; i < m_vocabulary.size() && i < kMaxListedVocabulary; ++i) {
            if (i > 0) result.knownWords += ", ";
            result.knownWords += m_vocabulary[i];
        }
        if (m_vocabulary.size() > kMaxListedVocabulary) result.knownWords += ", …";
    }
    if (m_context >= 2) {
        result.ids.reserve(static_cast<std::size_t>(m_context));
        result.ids.push_back(kStartToken);
        result.ids.insert(result.ids.end(), wordIds.begin(), wordIds.end());
        result.ids.push_back(kEndToken);
        result.ids.resize(static_cast<std::size_t>(m_context), kPadToken);
    }
    return result;
}

std::string PromptCheck::message() const {
    std::string text;
    if (!unknown.empty()) {
        text = unknown.size() == 1 ? "Unknown word: " : "Unknown words: ";
        for (std::size_t i = 0; i < unknown.size(); ++i) {
            if (i > 0) text += ", ";
            text += unknown[i].word;
            const std::vector<std::string>& suggestions = unknown[i].suggestions;
            if (suggestions.empty()) continue;
            text += " (did you mean ";
            for (std::size_t k = 0; k < suggestions.size(); ++k) {
                if (k > 0) text += k + 1 == suggestions.size() ? " or " : ", ";
                text += suggestions[k];
            }
            text += "?)";
        }
        // Never dropped silently: the prompt is refused until every word is one the model was trained on.
        text += unknown.size() == 1 ? ". Replace or remove it" : ". Replace or remove them";
        text += knownWords.empty() ? "." : ": this model knows only these words: " + knownWords + ".";
    }
    if (truncated) {
        if (!text.empty()) text += ' ';
        text += "The prompt has more words than the model reads; the last ones are ignored.";
    }
    return text;
}

} // namespace lscore
