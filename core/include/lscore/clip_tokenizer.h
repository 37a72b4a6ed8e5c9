#pragma once
// ClipTokenizer: the byte-level BPE tokenizer of OpenAI CLIP (clip/simple_tokenizer.py), which every
// CLIP text tower and the models conditioned on it (LAFITE) expect. Torch-free.
//
//   auto tokenizer = lscore::ClipTokenizer::open("bpe_simple_vocab_16e6.txt.gz");   // or merges.txt,
//   if (!tokenizer) report(tokenizer.error());                                      // or a folder
//   lscore::ClipTokens t = tokenizer->tokenize("a red bus parked next to a tall building.");
//   // t.ids: 77 ids, <|startoftext|> ... <|endoftext|> then 0s; t.truncated when it was cut
//
// Vocabulary: the merge list of OpenAI's bpe_simple_vocab_16e6.txt(.gz), or of a Hugging Face CLIP
// download's merges.txt (+ vocab.json, which must agree with it). Either way its first line is a
// header and the next 48,894 lines are merges "a b"; ids are the 256 byte characters, the same with
// "</w>", one per merge, then <|startoftext|> = 49406 and <|endoftext|> = 49407 (49,408 in all).
//
// Text, in the official order:
//  1. repair (a subset of ftfy.fix_text, which the official code runs first and no C++ library
//     reproduces): HTML entities (when the text has no '<'), terminal escapes, UTF-8 read as
//     Windows-1252 ("cafÃ©" -> "café"), C1 controls, Latin ligatures, full-width characters, curly
//     quotes, line breaks, control characters, NFC. What ftfy does beyond this (its mojibake
//     detection is a heuristic with a badness score) is not reproduced: text whose UTF-8 was
//     mangled in other ways keeps its mangled characters.
//  2. HTML unescape twice (Python's html.unescape; named entities from HTML 4 — the 2,231 HTML5
//     names beyond them stay as typed), strip, runs of Unicode white space -> one space.
//  3. Full Unicode lower-casing ("İ" -> "i̇", a final "Σ" -> "ς").
//  4. Pre-tokenising as CLIP's regex: the two special strings, the contractions 's 't 're 've 'm
//     'll 'd, letter runs (\p{L}), single digits (\p{N}), runs of anything else but white space.
//  5. BPE of each piece's UTF-8 bytes (the last symbol carries "</w>"). A piece longer than
//     kMaxPieceBytes (no word is) is merged in slices of that size, where CLIP would merge across the
//     cuts: BPE's cost grows with the square of a piece's length.
// Cost: about linear in the text for prompts of the size EditState accepts (kMaxPromptBytes).
// Thread safety: const methods may be called from any thread at once (the BPE cache is locked).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lscore/result.h"

namespace lscore {

struct ClipTokens {
    std::vector<std::int64_t> ids;   // exactly `context` ids: SOT, tokens, EOT, then 0 (padding)
    int length = 0;                  // ids the prompt needs, SOT and EOT included, before any cut
    bool truncated = false;          // length > context: cut, and the last id set to EOT
};

class ClipTokenizer {
public:
    static constexpr int kContext = 77;
    static constexpr int kMerges = 48894;         // merge lines used (49152 - 256 - 2)
    static constexpr int kVocabularySize = 49408;
    static constexpr std::int64_t kStartId = 49406;
    static constexpr std::int64_t kEndId = 49407;
    static constexpr std::size_t kMaxPieceBytes = 256;

    // `path`: OpenAI's bpe_simple_vocab_16e6.txt or .txt.gz; a merges.txt (with the vocab.json
    // beside it, if there is one, checked against it); or a folder holding either.
    static Result<ClipTokenizer> open(const std::string& path);
    // The vocabulary shipped with the studio (models/clip/ in the data folder, or
    // $LATENT_STUDIO_CLIP_VOCABULARY); "" when it is not installed.
    static std::string shippedVocabularyPath();
    // The merge file's text (after decompression). `source` names it in messages.
    static Result<ClipTokenizer> fromMergesText(std::string_view text, const std::string& source);

    ClipTokens tokenize(std::string_view text, int context = kContext) const;
    std::vector<std::int64_t> encode(std::string_view text) const;   // no SOT/EOT, no cut

    // The stages, for tests and diagnostics.
    static std::string repairText(std::string_view text);            // step 1
    static std::string cleanText(std::string_view text);             // steps 1-3
    static std::vector<std::string> pretokenize(std::string_view cleaned);   // step 4

    // The id of a vocabulary entry (byte characters as UTF-8, "</w>" included); -1 if none.
    std::int64_t idOf(const std::string& token) const;
    const std::string& sourceSha256() const { return m_sha256; }     // of the merge text

private:
    ClipTokenizer() = default;   // only the factories make one: an empty tokenizer has no tables
    struct Tables;
    std::vector<std::int64_t> bpe(const std::string& piece) const;

    std::shared_ptr<const Tables> m_tables;
    std::string m_sha256;
    struct Cache {
        std::mutex mutex;
        std::unordered_map<std::string, std::vector<std::int64_t>> pieces;
    };
    std::shared_ptr<Cache> m_cache;
};

} // namespace lscore
