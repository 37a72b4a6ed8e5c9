#include "lscore/clip_tokenizer.h"

#include <algorithm>
#include <array>
#include <climits>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include "lscore/default_model.h"
#include "lscore/sha256.h"

// Unicode character classes, case mapping and normalisation come from ICU (Debian's libicu), which
// keeps them current with the Unicode standard; the rest follows the CLIP and ftfy code's rules.

namespace lscore {

namespace {

using Text = std::u32string;

// ---------------------------------------------------------------------------------------------------
// UTF-8 <-> code points

Text decodeUtf8(std::string_view bytes)
{
    Text out;
    out.reserve(bytes.size());
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    for (std::size_t i = 0; i < bytes.size();) {
        const unsigned char b = at(i);
        int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
        char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
        bool valid = extra >= 0 && i + static_cast<std::size_t>(extra) < bytes.size() + (extra == 0 ? 1 : 0);
        for (int k = 1; valid && k <= extra; ++k) {
            if (i + static_cast<std::size_t>(k) >= bytes.size() || (at(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80)
                valid = false;
            else
                c = (c << 6) | (at(i + static_cast<std::size_t>(k)) & 0x3F);
        }
        static constexpr char32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (valid && (c < kMinimum[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)))
            valid = false;
        if (!valid) {
            out.push_back(0xFFFD);   // as a Python str decoded with errors="replace"
            ++i;
            continue;
        }
        out.push_back(c);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string encodeUtf8(const Text& text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text)
        appendUtf8(out, c);
    return out;
}

// ICU works on UTF-16.
icu::UnicodeString toIcu(const Text& text)
{
    icu::UnicodeString out;
    for (char32_t c : text)
        out.append(static_cast<UChar32>(c));
    return out;
}

Text fromIcu(const icu::UnicodeString& text)
{
    Text out;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        out.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
    }
    return out;
}

Text normalized(const Text& text, bool compatibility)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = compatibility ? icu::Normalizer2::getNFKCInstance(status)
                                                       : icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        return text;   // ICU's data is part of the library; this does not happen in practice
    icu::UnicodeString result = normalizer->normalize(toIcu(text), status);
    return U_FAILURE(status) ? text : fromIcu(result);
}

bool isLetter(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0; }
bool isNumber(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0; }
// The `regex` module's \s: Unicode White_Space.
bool isRegexSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0; }
// Python's str.strip() also strips U+001C..U+001F.
bool isPythonSpace(char32_t c) { return isRegexSpace(c) || (c >= 0x1C && c <= 0x1F); }

bool isAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char32_t c) { return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool isAsciiAlnum(char32_t c) { return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---------------------------------------------------------------------------------------------------
// Windows-1252, as ftfy reads it ("sloppy": the five undefined bytes map to the C1 controls)

constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The byte whose Windows-1252 reading is `c`; -1 when none.
int cp1252Byte(char32_t c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        return static_cast<int>(c);
    for (std::size_t i = 0; i < kCp1252High.size(); ++i)
        if (kCp1252High[i] == c)
            return static_cast<int>(0x80 + i);
    return -1;
}

// ---------------------------------------------------------------------------------------------------
// HTML character references

struct Entity {
    const char* name;
    char32_t value;
    bool legacy;   // HTML also accepts it without the ';'
};

// HTML 4's named references: Latin-1 (the legacy ones), the markup four, and the common specials
// and symbols. Names beyond these (HTML5 has 2,231) are left as typed.
constexpr Entity kEntities[] = {
    {"quot", 34, true}, {"amp", 38, true}, {"lt", 60, true}, {"gt", 62, true}, {"apos", 39, false},
    {"QUOT", 34, true}, {"AMP", 38, true}, {"LT", 60, true}, {"GT", 62, true},
    {"COPY", 169, true}, {"REG", 174, true},
    {"nbsp", 160, true}, {"iexcl", 161, true}, {"cent", 162, true}, {"pound", 163, true},
    {"curren", 164, true}, {"yen", 165, true}, {"brvbar", 166, true}, {"sect", 167, true},
    {"uml", 168, true}, {"copy", 169, true}, {"ordf", 170, true}, {"laquo", 171, true},
    {"not", 172, true}, {"shy", 173, true}, {"reg", 174, true}, {"macr", 175, true},
    {"deg", 176, true}, {"plusmn", 177, true}, {"sup2", 178, true}, {"sup3", 179, true},
    {"acute", 180, true}, {"micro", 181, true}, {"para", 182, true}, {"middot", 183, true},
    {"cedil", 184, true}, {"sup1", 185, true}, {"ordm", 186, true}, {"raquo", 187, true},
    {"frac14", 188, true}, {"frac12", 189, true}, {"frac34", 190, true}, {"iquest", 191, true},
    {"Agrave", 192, true}, {"Aacute", 193, true}, {"Acirc", 194, true}, {"Atilde", 195, true},
    {"Auml", 196, true}, {"Aring", 197, true}, {"AElig", 198, true}, {"Ccedil", 199, true},
    {"Egrave", 200, true}, {"Eacute", 201, true}, {"Ecirc", 202, true}, {"Euml", 203, true},
    {"Igrave", 204, true}, {"Iacute", 205, true}, {"Icirc", 206, true}, {"Iuml", 207, true},
    {"ETH", 208, true}, {"Ntilde", 209, true}, {"Ograve", 210, true}, {"Oacute", 211, true},
    {"Ocirc", 212, true}, {"Otilde", 213, true}, {"Ouml", 214, true}, {"times", 215, true},
    {"Oslash", 216, true}, {"Ugrave", 217, true}, {"Uacute", 218, true}, {"Ucirc", 219, true},
    {"Uuml", 220, true}, {"Yacute", 221, true}, {"THORN", 222, true}, {"szlig", 223, true},
    {"agrave", 224, true}, {"aacute", 225, true}, {"acirc", 226, true}, {"atilde", 227, true},
    {"auml", 228, true}, {"aring", 229, true}, {"aelig", 230, true}, {"ccedil", 231, true},
    {"egrave", 232, true}, {"eacute", 233, true}, {"ecirc", 234, true}, {"euml", 235, true},
    {"igrave", 236, true}, {"iacute", 237, true}, {"icirc", 238, true}, {"iuml", 239, true},
    {"eth", 240, true}, {"ntilde", 241, true}, {"ograve", 242, true}, {"oacute", 243, true},
    {"ocirc", 244, true}, {"otilde", 245, true}, {"ouml", 246, true}, {"divide", 247, true},
    {"oslash", 248, true}, {"ugrave", 249, true}, {"uacute", 250, true}, {"ucirc", 251, true},
    {"uuml", 252, true}, {"yacute", 253, true}, {"thorn", 254, true}, {"yuml", 255, true},
    {"OElig", 338, false}, {"oelig", 339, false}, {"Scaron", 352, false}, {"scaron", 353, false},
    {"Yuml", 376, false}, {"fnof", 402, false}, {"circ", 710, false}, {"tilde", 732, false},
    {"ensp", 8194, false}, {"emsp", 8195, false}, {"thinsp", 8201, false}, {"zwnj", 8204, false},
    {"zwj", 8205, false}, {"lrm", 8206, false}, {"rlm", 8207, false}, {"ndash", 8211, false},
    {"mdash", 8212, false}, {"lsquo", 8216, false}, {"rsquo", 8217, false}, {"sbquo", 8218, false},
    {"ldquo", 8220, false}, {"rdquo", 8221, false}, {"bdquo", 8222, false}, {"dagger", 8224, false},
    {"Dagger", 8225, false}, {"bull", 8226, false}, {"hellip", 8230, false}, {"permil", 8240, false},
    {"prime", 8242, false}, {"Prime", 8243, false}, {"lsaquo", 8249, false}, {"rsaquo", 8250, false},
    {"oline", 8254, false}, {"frasl", 8260, false}, {"euro", 8364, false}, {"trade", 8482, false},
    {"larr", 8592, false}, {"uarr", 8593, false}, {"rarr", 8594, false}, {"darr", 8595, false},
    {"harr", 8596, false}, {"minus", 8722, false}, {"infin", 8734, false}, {"ne", 8800, false},
    {"le", 8804, false}, {"ge", 8805, false}, {"spades", 9824, false}, {"clubs", 9827, false},
    {"hearts", 9829, false}, {"diams", 9830, false},
};

const Entity* findEntity(const std::string& name, bool withSemicolon)
{
    for (const Entity& entity : kEntities)
        if (name == entity.name && (withSemicolon || entity.legacy))
            return &entity;
    return nullptr;
}

// Python's html.unescape for numeric references: the replacements HTML prescribes.
void appendNumericReference(Text& out, unsigned long long value)
{
    if (value == 0x00) { out.push_back(0xFFFD); return; }
    if (value == 0x0D) { out.push_back(U'\r'); return; }
    if (value >= 0x80 && value <= 0x9F) { out.push_back(kCp1252High[value - 0x80]); return; }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) { out.push_back(0xFFFD); return; }
    const bool dropped = (value >= 0x01 && value <= 0x08) || value == 0x0B || (value >= 0x0E && value <= 0x1F)
                         || (value >= 0x7F && value <= 0x9F) || (value >= 0xFDD0 && value <= 0xFDEF)
                         || (value & 0xFFFF) == 0xFFFE || (value & 0xFFFF) == 0xFFFF;
    if (!dropped)
        out.push_back(static_cast<char32_t>(value));
}

// `strict`: ftfy's form (a reference must end in ';', names and numbers of ASCII letters and digits,
// 1 to 24 of them). Otherwise Python's html.unescape (';' optional, the longest known legacy name).
Text unescapeHtml(const Text& text, bool strict)
{
    Text out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != U'&') {
            out.push_back(text[i]);
            continue;
        }
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == U'#') {
            const bool hex = j + 1 < text.size() && (text[j + 1] == U'x' || text[j + 1] == U'X');
            std::size_t k = j + (hex ? 2 : 1);
            const std::size_t digitsBegin = k;
            while (k < text.size() && (hex ? isHexDigit(text[k]) : isAsciiDigit(text[k])))
                ++k;
            const bool semicolon = k < text.size() && text[k] == U';';
            if (k == digitsBegin || (strict && (!semicolon || k - digitsBegin > 23))) {
                out.push_back(text[i]);
                continue;
            }
            unsigned long long value = 0;
            for (std::size_t d = digitsBegin; d < k; ++d) {
                const char32_t c = text[d];
                const unsigned digit = isAsciiDigit(c) ? c - U'0' : (c | 0x20) - U'a' + 10;
                value = std::min<unsigned long long>(value * (hex ? 16 : 10) + digit, 0x110000);
            }
            appendNumericReference(out, value);
            i = semicolon ? k : k - 1;
            continue;
        }
        // A name: what html.unescape's pattern takes ([^\t\n\f <&#;]{1,32}), or ftfy's ([0-9A-Za-z]{1,24}).
        std::size_t k = j;
        const std::size_t limit = strict ? 24 : 32;
        while (k < text.size() && k - j < limit
               && (strict ? isAsciiAlnum(text[k])
                          : !(text[k] == U'\t' || text[k] == U'\n' || text[k] == U'\f' || text[k] == U' ' || text[k] == U'<'
                              || text[k] == U'&' || text[k] == U'#' || text[k] == U';')))
            ++k;
        const bool semicolon = k < text.size() && text[k] == U';';
        const std::string name = encodeUtf8(text.substr(j, k - j));
        if (const Entity* entity = semicolon ? findEntity(name, true) : nullptr) {
            out.push_back(entity->value);
            i = k;
            continue;
        }
        if (!strict) {
            // The longest legacy name the text starts with, the rest kept ("&ampx" -> "&x").
            bool found = false;
            for (std::size_t length = name.size(); length >= 2 && !found; --length) {
                if (const Entity* entity = findEntity(name.substr(0, length), false)) {
                    out.push_back(entity->value);
                    i = j + length - 1;
                    found = true;
                }
            }
            if (found)
                continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// The ftfy steps (fix_text's defaults), in its order

Text removeTerminalEscapes(const Text& text)
{
    // ESC [ (digits or ';')* letter
    Text out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == 0x1B && i + 1 < text.size() && text[i + 1] == U'[') {
            std::size_t k = i + 2;
            while (k < text.size() && (isAsciiDigit(text[k]) || text[k] == U';'))
                ++k;
            if (k < text.size() && ((text[k] >= U'a' && text[k] <= U'z') || (text[k] >= U'A' && text[k] <= U'Z'))) {
                i = k;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

// UTF-8 that was read as Windows-1252 or Latin-1: a lead-byte character followed by the right number
// of continuation-byte characters whose bytes form one valid UTF-8 sequence is that sequence.
Text fixMojibake(const Text& text)
{
    Text out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int lead = cp1252Byte(text[i]);
        const int extra = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
        if (extra > 0 && i + static_cast<std::size_t>(extra) < text.size()) {
            std::string bytes(1, static_cast<char>(lead));
            for (int k = 1; k <= extra; ++k) {
                const int b = cp1252Byte(text[i + static_cast<std::size_t>(k)]);
                if (b < 0x80 || b > 0xBF)
                    break;
                bytes.push_back(static_cast<char>(b));
            }
            if (bytes.size() == static_cast<std::size_t>(extra) + 1) {
                const Text decoded = decodeUtf8(bytes);
                if (decoded.size() == 1 && decoded.front() != 0xFFFD) {
                    out.push_back(decoded.front());
                    i += static_cast<std::size_t>(extra);
                    continue;
                }
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

Text fixC1Controls(Text text)
{
    for (char32_t& c : text)
        if (c >= 0x80 && c <= 0x9F)
            c = kCp1252High[c - 0x80];
    return text;
}

bool isLatinLigature(char32_t c)
{
    return c == 0x0132 || c == 0x0133 || c == 0x0149 || (c >= 0x01C4 && c <= 0x01CC) || (c >= 0x01F1 && c <= 0x01F3)
           || (c >= 0xFB00 && c <= 0xFB06);
}

// Latin ligatures and full-width / half-width forms become what NFKC makes of them; U+3000 a space.
Text foldLigaturesAndWidth(const Text& text)
{
    Text out;
    for (char32_t c : text) {
        if (c == 0x3000)
            out.push_back(U' ');
        else if (isLatinLigature(c) || (c >= 0xFF01 && c <= 0xFFEF))
            out += normalized(Text(1, c), /*compatibility=*/true);
        else
            out.push_back(c);
    }
    return out;
}

Text uncurlQuotes(Text text)
{
    for (char32_t& c : text) {
        if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B))
            c = U'\'';
        else if (c >= 0x201C && c <= 0x201F)
            c = U'"';
    }
    return text;
}

Text fixLineBreaks(const Text& text)
{
    Text out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n')
            continue;   // the \n follows
        out.push_back(c == U'\r' || c == 0x2028 || c == 0x2029 || c == 0x0085 ? U'\n' : c);
    }
    return out;
}

bool isRemovedControl(char32_t c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F)
           || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC) || (c >= 0x1D173 && c <= 0x1D17A);
}

Text removeControls(const Text& text)
{
    Text out;
    for (char32_t c : text)
        if (!isRemovedControl(c))
            out.push_back(c);
    return out;
}

Text repair(Text text)
{
    // ftfy repeats its steps until the text stops changing (so "&amp;amp;" loses every level).
    for (int round = 0; round < 16; ++round) {
        const Text before = text;
        if (std::find(text.begin(), text.end(), U'<') == text.end())
            text = unescapeHtml(text, /*strict=*/true);
        text = removeTerminalEscapes(text);
        text = fixMojibake(text);
        text = fixC1Controls(std::move(text));
        text = foldLigaturesAndWidth(text);
        text = uncurlQuotes(std::move(text));
        text = fixLineBreaks(text);
        text = removeControls(text);
        text = normalized(text, /*compatibility=*/false);
        if (text == before)
            break;
    }
    return text;
}

Text strip(const Text& text)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && isPythonSpace(text[begin]))
        ++begin;
    while (end > begin && isPythonSpace(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

Text clean(std::string_view utf8)
{
    Text text = repair(decodeUtf8(utf8));
    text = strip(unescapeHtml(unescapeHtml(text, false), false));
    Text collapsed;
    for (char32_t c : text) {
        if (isRegexSpace(c)) {
            if (collapsed.empty() || collapsed.back() != U' ')
                collapsed.push_back(U' ');
        } else {
            collapsed.push_back(c);
        }
    }
    collapsed = strip(collapsed);
    // Full lower-casing in the root locale, with Final_Sigma, as Python's str.lower().
    icu::UnicodeString lower = toIcu(collapsed);
    lower.toLower(icu::Locale::getRoot());
    return fromIcu(lower);
}

bool startsWith(const Text& text, std::size_t at, std::u32string_view prefix)
{
    return text.size() - at >= prefix.size() && std::u32string_view(text).substr(at, prefix.size()) == prefix;
}

std::vector<std::string> pretokenizeText(const Text& text)
{
    static constexpr std::u32string_view kSpecial[] = {U"<|startoftext|>", U"<|endoftext|>"};
    static constexpr std::u32string_view kContractions[] = {U"'s", U"'t", U"'re", U"'ve", U"'m", U"'ll", U"'d"};
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 0;
        for (auto special : kSpecial)
            if (length == 0 && startsWith(text, i, special))
                length = special.size();
        for (auto contraction : kContractions)
            if (length == 0 && startsWith(text, i, contraction))
                length = contraction.size();
        if (length == 0 && isLetter(text[i])) {
            while (i + length < text.size() && isLetter(text[i + length]))
                ++length;
        } else if (length == 0 && isNumber(text[i])) {
            length = 1;
        } else if (length == 0 && !isRegexSpace(text[i])) {
            while (i + length < text.size() && !isRegexSpace(text[i + length]) && !isLetter(text[i + length])
                   && !isNumber(text[i + length]))
                ++length;
        }
        if (length == 0) {
            ++i;   // white space separates pieces
            continue;
        }
        pieces.push_back(encodeUtf8(text.substr(i, length)));
        i += length;
    }
    return pieces;
}

// bytes_to_unicode(): printable Latin-1 bytes stand for themselves, the other 68 get U+0100 on.
std::array<char32_t, 256> byteCharacters()
{
    std::array<char32_t, 256> table{};
    std::array<bool, 256> direct{};
    for (int b = 0; b < 256; ++b)
        direct[static_cast<std::size_t>(b)] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    char32_t next = 0x100;
    for (int b = 0; b < 256; ++b)
        table[static_cast<std::size_t>(b)] = direct[static_cast<std::size_t>(b)] ? static_cast<char32_t>(b) : next++;
    return table;
}

// The vocabulary's first 256 entries are in bytes_to_unicode's dict order: its direct bytes, then the
// shifted ones.
std::vector<int> byteOrder()
{
    std::vector<int> direct, shifted;
    for (int b = 0; b < 256; ++b)
        ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF) ? direct : shifted).push_back(b);
    direct.insert(direct.end(), shifted.begin(), shifted.end());
    return direct;
}

Result<std::string> readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<std::string> readGzip(const std::filesystem::path& path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        return makeError("cannot read " + path.string());
    std::string out;
    char buffer[1 << 16];
    int n = 0;
    constexpr std::size_t kLimit = 64u << 20;   // the real file is 1.7 MB unpacked: refuse a gzip bomb
    while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > kLimit) {
            gzclose(file);
            return makeError(path.string() + " unpacks to more than 64 MB: it is not a CLIP BPE vocabulary");
        }
    }
    int error = Z_OK;
    const char* message = gzerror(file, &error);
    const std::string why = message ? message : "";
    gzclose(file);
    if (n < 0 || (error != Z_OK && error != Z_STREAM_END))
        return makeError(path.string() + " is not a readable gzip file (" + why + ")");
    return out;
}

} // namespace

struct ClipTokenizer::Tables {
    std::unordered_map<std::string, std::int64_t> ids;    // vocabulary entry -> id
    std::unordered_map<std::string, int> ranks;           // "a b" -> merge rank
    std::array<std::string, 256> byteSymbols;             // byte -> its character as UTF-8
};

Result<ClipTokenizer> ClipTokenizer::fromMergesText(std::string_view text, const std::string& source)
{
    auto tables = std::make_shared<Tables>();
    const auto characters = byteCharacters();
    for (int b = 0; b < 256; ++b) {
        std::string symbol;
        appendUtf8(symbol, characters[static_cast<std::size_t>(b)]);
        tables->byteSymbols[static_cast<std::size_t>(b)] = symbol;
    }
    std::int64_t next = 0;
    const std::vector<int> order = byteOrder();
    for (int b : order)
        tables->ids.emplace(tables->byteSymbols[static_cast<std::size_t>(b)], next++);
    for (int b : order)
        tables->ids.emplace(tables->byteSymbols[static_cast<std::size_t>(b)] + "</w>", next++);

    // Lines 1..48894 (line 0 is the "#version" header), each "a b" of two vocabulary entries.
    std::size_t position = 0;
    int lineNumber = 0;
    auto nextLine = [&](std::string_view* line) {
        if (position >= text.size())
            return false;
        const std::size_t end = std::min(text.find('\n', position), text.size());
        *line = text.substr(position, end - position);
        if (!line->empty() && line->back() == '\r')
            line->remove_suffix(1);
        position = end + 1;
        ++lineNumber;
        return true;
    };
    std::string_view line;
    if (!nextLine(&line))
        return makeError(source + " is empty: a CLIP BPE vocabulary is a header line and 48,894 merges");
    for (int rank = 0; rank < kMerges; ++rank) {
        if (!nextLine(&line))
            return makeError(source + " ends after " + std::to_string(rank) + " merges; a CLIP vocabulary has at least "
                             + std::to_string(kMerges) + ". Use the complete bpe_simple_vocab_16e6.txt.gz or merges.txt.");
        const std::size_t space = line.find(' ');
        const std::string_view first = line.substr(0, space);
        const std::string_view second = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        const auto known = [&](std::string_view symbol) { return tables->ids.count(std::string(symbol)) != 0; };
        if (space == std::string_view::npos || first.empty() || second.empty() || second.find(' ') != std::string_view::npos
            || !known(first) || !known(second)) {
            // Shown as valid UTF-8 without control characters, whatever the file holds.
            Text printable = decodeUtf8(line.substr(0, 60));
            for (char32_t& c : printable)
                if (c < 0x20 || c == 0x7F || c == 0xFFFD)
                    c = U'?';
            const std::string shown = encodeUtf8(printable);
            return makeError(source + ", line " + std::to_string(lineNumber) + ": \"" + shown
                             + "\" is not a merge of two known symbols \"a b\"; the file is not a CLIP BPE vocabulary "
                               "(or it is damaged)");
        }
        // As the official dicts are built: a repeated merge or symbol takes its later rank and id.
        tables->ranks[std::string(line)] = rank;
        tables->ids[std::string(first) + std::string(second)] = next++;
    }
    tables->ids.emplace("<|startoftext|>", next++);
    tables->ids.emplace("<|endoftext|>", next++);

    ClipTokenizer tokenizer;
    tokenizer.m_tables = std::move(tables);
    tokenizer.m_sha256 = sha256Hex(std::as_bytes(std::span(text.data(), text.size())));
    tokenizer.m_cache = std::make_shared<Cache>();
    return tokenizer;
}

Result<ClipTokenizer> ClipTokenizer::open(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path file = path;
    if (fs::is_directory(file, error)) {
        for (const char* name : {"merges.txt", "bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt"})
            if (fs::is_regular_file(file / name, error)) {
                file /= name;
                break;
            }
        if (fs::is_directory(file, error))
            return makeError(path + " holds no CLIP vocabulary: expected merges.txt (+ vocab.json) of a Hugging Face "
                                    "CLIP download, or OpenAI's bpe_simple_vocab_16e6.txt.gz");
    }
    if (!fs::is_regular_file(file, error))
        return makeError("the CLIP vocabulary " + file.string() + (fs::exists(file, error) ? " is not a regular file" : " does not exist"));
    const auto size = fs::file_size(file, error);
    if (error || size > (64u << 20))
        return makeError(file.string() + " is larger than any CLIP vocabulary (64 MB): is it the right file?");
    const bool gzip = file.extension() == ".gz";
    auto text = gzip ? readGzip(file) : readFile(file);
    if (!text)
        return makeError(text.error());
    auto tokenizer = fromMergesText(*text, file.filename().string());
    if (!tokenizer)
        return tokenizer;

    // A Hugging Face download's vocab.json must give every entry the id the merges imply.
    const fs::path vocabulary = file.parent_path() / "vocab.json";
    if (!gzip && fs::is_regular_file(vocabulary, error)) {
        auto json = readFile(vocabulary);
        if (!json)
            return makeError(json.error());
        nlohmann::json entries = nlohmann::json::parse(*json, nullptr, /*allow_exceptions=*/false);
        if (!entries.is_object())
            return makeError(vocabulary.string() + " is not a JSON object of token -> id; the vocabulary is damaged");
        const auto& ids = tokenizer->m_tables->ids;
        if (entries.size() != ids.size())
            return makeError(vocabulary.string() + " has " + std::to_string(entries.size()) + " entries but " + file.filename().string()
                             + " makes " + std::to_string(ids.size()) + ": the two files are not from one CLIP vocabulary");
        for (const auto& [token, id] : entries.items()) {
            const auto found = ids.find(token);
            if (!id.is_number_integer() || found == ids.end() || found->second != id.get<std::int64_t>())
                return makeError(vocabulary.string() + " gives \"" + token.substr(0, 40) + "\" an id that " + file.filename().string()
                                 + " does not: the two files are not from one CLIP vocabulary");
        }
    }
    return tokenizer;
}

std::string ClipTokenizer::shippedVocabularyPath()
{
    return findDataFile("models/clip/bpe_simple_vocab_16e6.txt.gz", "LATENT_STUDIO_CLIP_VOCABULARY");
}

std::string ClipTokenizer::repairText(std::string_view text) { return encodeUtf8(repair(decodeUtf8(text))); }
std::string ClipTokenizer::cleanText(std::string_view text) { return encodeUtf8(clean(text)); }
std::vector<std::string> ClipTokenizer::pretokenize(std::string_view cleaned) { return pretokenizeText(decodeUtf8(cleaned)); }

std::int64_t ClipTokenizer::idOf(const std::string& token) const
{
    const auto found = m_tables->ids.find(token);
    return found == m_tables->ids.end() ? -1 : found->second;
}

std::vector<std::int64_t> ClipTokenizer::bpe(const std::string& piece) const
{
    {
        const std::lock_guard lock(m_cache->mutex);
        if (const auto cached = m_cache->pieces.find(piece); cached != m_cache->pieces.end())
            return cached->second;
    }
    std::vector<std::int64_t> ids;
    if (piece == "<|startoftext|>" || piece == "<|endoftext|>") {
        ids.push_back(piece == "<|startoftext|>" ? kStartId : kEndId);
    } else {
        std::vector<std::string> word;
        for (unsigned char b : piece)
            word.push_back(m_tables->byteSymbols[b]);
        word.back() += "</w>";
        // Merge the adjacent pair of lowest rank, every occurrence left to right, until none is known.
        while (word.size() > 1) {
            int best = INT_MAX;
            std::string bestFirst, bestSecond;
            for (std::size_t i = 0; i + 1 < word.size(); ++i) {
                const auto rank = m_tables->ranks.find(word[i] + ' ' + word[i + 1]);
                if (rank != m_tables->ranks.end() && rank->second < best) {
                    best = rank->second;
                    bestFirst = word[i];
                    bestSecond = word[i + 1];
                }
            }
            if (best == INT_MAX)
                break;
            std::vector<std::string> merged;
            for (std::size_t i = 0; i < word.size(); ++i) {
                if (i + 1 < word.size() && word[i] == bestFirst && word[i + 1] == bestSecond) {
                    merged.push_back(bestFirst + bestSecond);
                    ++i;
                } else {
                    merged.push_back(word[i]);
                }
            }
            word = std::move(merged);
        }
        for (const std::string& symbol : word)
            ids.push_back(m_tables->ids.at(symbol));   // every symbol a merge can make is in the vocabulary
    }
    const std::lock_guard lock(m_cache->mutex);
    constexpr std::size_t kMaxCached = 1 << 16;
    if (m_cache->pieces.size() >= kMaxCached)
        m_cache->pieces.clear();
    m_cache->pieces.emplace(piece, ids);
    return ids;
}

std::vector<std::int64_t> ClipTokenizer::encode(std::string_view text) const
{
    std::vector<std::int64_t> ids;
    for (const std::string& piece : pretokenizeText(clean(text))) {
        // BPE costs the square of a piece's length; a piece longer than any word is merged in slices
        // (cut at character boundaries), so hostile text cannot stall the render thread.
        for (std::size_t begin = 0; begin < piece.size();) {
            std::size_t end = std::min(piece.size(), begin + kMaxPieceBytes);
            while (end < piece.size() && (static_cast<unsigned char>(piece[end]) & 0xC0) == 0x80)
                --end;
            const auto pieceIds = bpe(piece.substr(begin, end - begin));
            ids.insert(ids.end(), pieceIds.begin(), pieceIds.end());
            begin = end;
        }
    }
    return ids;
}

ClipTokens ClipTokenizer::tokenize(std::string_view text, int context) const
{
    ClipTokens tokens;
    context = std::max(context, 2);
    const std::vector<std::int64_t> ids = encode(text);
    tokens.length = static_cast<int>(ids.size()) + 2;
    tokens.truncated = tokens.length > context;
    tokens.ids.assign(static_cast<std::size_t>(context), 0);
    tokens.ids[0] = kStartId;
    const std::size_t kept = std::min(ids.size(), static_cast<std::size_t>(context) - 2);
    std::copy_n(ids.begin(), kept, tokens.ids.begin() + 1);
    // The official truncation: the first `context` ids, the last one replaced by EOT.
    tokens.ids[tokens.truncated ? static_cast<std::size_t>(context) - 1 : kept + 1] = kEndId;
    return tokens;
}

} // namespace lscore
