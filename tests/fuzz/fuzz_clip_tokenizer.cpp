// libFuzzer target: the CLIP tokenizer's two untrusted inputs. A merge list (merges.txt of a download)
// must be refused with an error or read, never crash; any prompt text (invalid UTF-8, controls,
// entities, huge words) must tokenize to exactly 77 ids from the vocabulary.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "lscore/clip_tokenizer.h"
#include "lscore/edit_state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::optional<lscore::ClipTokenizer> shipped = [] {
        auto tokenizer = lscore::ClipTokenizer::open(lscore::ClipTokenizer::shippedVocabularyPath());
        return tokenizer ? std::optional(std::move(tokenizer).value()) : std::nullopt;
    }();
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) {
        (void)lscore::ClipTokenizer::fromMergesText(text, "fuzz");
    } else if (shipped) {
        // Prompts reach the tokenizer at most kMaxPromptBytes long (EditState refuses longer ones).
        text = text.substr(0, lscore::kMaxPromptBytes);
        const lscore::ClipTokens tokens = shipped->tokenize(text);
        if (tokens.ids.size() != lscore::ClipTokenizer::kContext) std::abort();
        for (std::int64_t id : tokens.ids)
            if (id < 0 || id >= lscore::ClipTokenizer::kVocabularySize) std::abort();
    }
    return 0;
}
