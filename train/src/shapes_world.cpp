// Shapes World v2: sampling, captions, parsing and the anti-aliased software renderer.
//
// Rendering uses signed distances (in pixels) to each shape's outline: a pixel's coverage is
// clamp(0.5 - distance, 0, 1), a box filter one pixel across the edge. That costs one distance per
// pixel inside the object's bounding box instead of 16 inside-tests for 4×4 supersampling, which is
// what makes on-the-fly training batches cheap.
#include "lstrain/shapes_world.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <numbers>

#include <ATen/Parallel.h>

namespace lstrain {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers: SplitMix64 over a state derived from (seed, index, stream).

std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t index, std::uint64_t stream)
        : m_state(mix64(mix64(seed ^ 0x5348415045534232ull) ^ mix64(index + 0x1234567ull) ^ (stream * 0x9e3779b97f4a7c15ull)))
    {
    }
    std::uint64_t next()
    {
        m_state += 0x9e3779b97f4a7c15ull;
        return mix64(m_state);
    }
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }   // [0, 1)
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(float p) { return uniform() < p; }

private:
    std::uint64_t m_state;
};

// ---------------------------------------------------------------------------------------------
// Names and palette.

constexpr std::array<const char*, kShapeCount> kShapeNames{
    "circle", "square", "triangle", "star", "heart", "ring", "cross", "diamond"};
constexpr std::array<const char*, kColorCount> kColorNames{
    "red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "white", "black", "gray", "brown"};
constexpr std::array<const char*, kSizeClassCount> kSizeNames{"small", "medium", "big"};
constexpr std::array<const char*, kPatternCount> kPatternNames{"plain", "striped", "dotted"};
constexpr std::array<const char*, kBackgroundStyleCount> kBackgroundStyleNames{
    "plain", "gradient", "checkered", "striped"};

constexpr std::array<std::array<std::uint8_t, 3>, kColorCount> kPalette{{
    {210, 30, 35},    // red
    {245, 135, 20},   // orange
    {240, 215, 30},   // yellow
    {40, 160, 60},    // green
    {40, 200, 215},   // cyan
    {35, 75, 200},    // blue
    {125, 50, 175},   // purple
    {245, 145, 195},  // pink
    {240, 240, 240},  // white
    {25, 25, 25},     // black
    {128, 128, 128},  // gray
    {120, 72, 35},    // brown
}};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char*, N>& names, std::string_view word)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (word == names[i]) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

// The fixed background variants (periods in pixels at 128 px, scaled with the resolution).
constexpr std::array<float, kBackgroundVariantCount> kGradientAngles{kPi * 0.5f, kPi * 0.25f};   // downwards, diagonal
constexpr std::array<float, kBackgroundVariantCount> kCheckerPeriods{16.0f, 32.0f};
constexpr std::array<float, kBackgroundVariantCount> kStripeAngles{kPi * 0.25f, kPi * 0.75f};
constexpr float kStripePeriod = 16.0f;
// Object patterns, in units of the bounding radius (they scale with the object, so a pattern looks
// the same on every size): stripes at one angle in the object's frame, dots on one grid.
constexpr float kObjectStripePeriod = 0.42f;
constexpr float kObjectStripeAngle = kPi * 0.25f;
constexpr float kObjectDotSpacing = 0.46f;

// ---------------------------------------------------------------------------------------------
// Drawing a scene under constraints.

// Draws everything the constraints leave open, each category uniformly. `avoidHeldOut`: unstated
// shape / colour choices never form a held-out pair (a pair stated in full is kept).
SceneSpec drawScene(Rng& rng, const CaptionSpec& constraints, bool avoidHeldOut)
{
    SceneSpec scene;
    ObjectSpec& object = scene.object;
    for (int attempt = 0; attempt < 256; ++attempt) {
        object.shape = constraints.shape ? *constraints.shape : static_cast<Shape>(rng.below(kShapeCount));
        object.color = constraints.color ? *constraints.color : static_cast<Color>(rng.below(kColorCount));
        const bool bothStated = constraints.shape && constraints.color;
        const bool clashesWithBackground = !constraints.color && constraints.background && object.color == *constraints.background;
        const bool allowedPair = bothStated || !avoidHeldOut || !isHeldOut(object.shape, object.color);
        if (allowedPair && !clashesWithBackground) break;
    }
    object.size = constraints.size ? *constraints.size : static_cast<SizeClass>(rng.below(kSizeClassCount));
    object.pattern = constraints.pattern ? *constraints.pattern : static_cast<Pattern>(rng.below(kPatternCount));
    const ValueRange range = radiusRange(object.size);
    object.radius = rng.uniform(range.lo, range.hi);
    object.cx = 0.5f + rng.uniform(-kCentreJitter, kCentreJitter);
    object.cy = 0.5f + rng.uniform(-kCentreJitter, kCentreJitter);
    const float rotation = rng.uniform(-kRotationJitter, kRotationJitter);
    object.rotation = isRotationFree(object.shape) ? 0.0f : rotation;
    object.shade = rng.uniform(kObjectShadeRange.lo, kObjectShadeRange.hi);

    if (constraints.background) {
        scene.background = *constraints.background;
    } else {
        for (int attempt = 0; attempt < 256; ++attempt) {
            scene.background = static_cast<Color>(rng.below(kColorCount));
            if (scene.background != object.color) break;
        }
    }
    scene.backgroundStyle = constraints.backgroundStyle ? *constraints.backgroundStyle
                                                        : static_cast<BackgroundStyle>(rng.below(kBackgroundStyleCount));
    const int variant = rng.below(kBackgroundVariantCount);
    scene.backgroundVariant = scene.backgroundStyle == BackgroundStyle::Plain ? 0 : variant;
    scene.backgroundShade = rng.uniform(kBackgroundShadeRange.lo, kBackgroundShadeRange.hi);
    return scene;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

struct Rgb {
    float r, g, b;
};

Rgb lerp(const Rgb& a, const Rgb& b, float t)
{
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

Rgb shadedColor(Color color, float shade)
{
    const auto& p = kPalette[static_cast<int>(color)];
    auto channel = [&](std::uint8_t v) { return std::clamp(static_cast<float>(v) / 255.0f * shade, 0.0f, 1.0f); };
    return {channel(p[0]), channel(p[1]), channel(p[2])};
}

// The second tone of stripes, dots, checkers and gradients: darker for light colours, lighter for
// dark ones, always the same hue family so the named colour stays the dominant one.
Rgb secondTone(const Rgb& c, float amount)
{
    const float luminance = 0.299f * c.r + 0.587f * c.g + 0.114f * c.b;
    if (luminance > 0.22f) return {c.r * (1.0f - amount), c.g * (1.0f - amount), c.b * (1.0f - amount)};
    return lerp(c, Rgb{1.0f, 1.0f, 1.0f}, amount);
}

// Box-filtered square wave: fraction of a one-pixel footprint lying in the "on" half of a wave of
// `period` pixels. `t` is the coordinate in periods.
float softSquareWave(float t, float periodPixels, float onFraction)
{
    const float f = t - std::floor(t);                       // [0, 1)
    const float halfOn = onFraction * 0.5f;
    // "on" band centred on 0.5; distance (in pixels) inside the band is positive.
    const float inside = (halfOn - std::fabs(f - 0.5f)) * periodPixels;
    return std::clamp(0.5f + inside, 0.0f, 1.0f);
}

float boxDistance(float u, float v, float halfWidth, float halfHeight)
{
    const float qx = std::fabs(u) - halfWidth;
    const float qy = std::fabs(v) - halfHeight;
    const float ox = std::max(qx, 0.0f);
    const float oy = std::max(qy, 0.0f);
    return std::sqrt(ox * ox + oy * oy) + std::min(std::max(qx, qy), 0.0f);
}

float circleDistance(float u, float v, float cu, float cv, float radius)
{
    return std::hypot(u - cu, v - cv) - radius;
}

constexpr float kStarInner = 0.42f;
// No outline reaches further than this many bounding radii from the centre (the heart's lobes come
// nearest); renderObject() scans, and renderObjectRegions() covers, that far.
constexpr float kOutlineReach = 1.08f;
constexpr float kRingInner = 0.58f;
constexpr float kSquareHalf = 0.72f;
constexpr float kDiamondHalfWidth = 0.62f;
constexpr float kCrossHalfLength = 0.95f;
constexpr float kCrossHalfWidth = 0.3f;
constexpr float kHeartSide = 1.0f / 0.952f;

// Signed distance to the outline of a shape of bounding radius 1 centred at the origin, in local
// (unrotated) coordinates; negative inside.
float shapeDistance(Shape shape, float u, float v)
{
    switch (shape) {
    case Shape::Circle:
        return std::hypot(u, v) - 1.0f;
    case Shape::Ring: {
        const float len = std::hypot(u, v);
        return std::max(len - 1.0f, kRingInner - len);
    }
    case Shape::Square:
        return boxDistance(u, v, kSquareHalf, kSquareHalf);
    case Shape::Diamond: {
        // Rhombus |u|/a + |v|/b <= 1: distance to its edge line (exact away from the vertices).
        const float a = kDiamondHalfWidth;
        const float b = 1.0f;
        return (std::fabs(u) * b + std::fabs(v) * a - a * b) / std::sqrt(a * a + b * b);
    }
    case Shape::Triangle: {
        // Equilateral, circumradius 1, apex up (negative v): three edges at the inradius 0.5.
        constexpr float c30 = 0.8660254f;
        const float d0 = v - 0.5f;                         // bottom edge
        const float d1 = c30 * u - 0.5f * v - 0.5f;        // right edge
        const float d2 = -c30 * u - 0.5f * v - 0.5f;       // left edge
        return std::max(d0, std::max(d1, d2));
    }
    case Shape::Star: {
        // Fold the angle into one half-sector, then measure to the edge from a tip to an inner vertex.
        constexpr float sector = 2.0f * kPi / 5.0f;
        const float len = std::hypot(u, v);
        float angle = std::atan2(u, -v);                   // 0 at the upward tip
        angle = angle - sector * std::floor(angle / sector);
        if (angle > sector * 0.5f) angle = sector - angle;
        const float px = len * std::cos(angle);
        const float py = len * std::sin(angle);
        const float ix = kStarInner * std::cos(sector * 0.5f);
        const float iy = kStarInner * std::sin(sector * 0.5f);
        // Segment from the tip (1, 0) to the inner vertex (ix, iy).
        const float ex = ix - 1.0f;
        const float ey = iy;
        const float wx = px - 1.0f;
        const float wy = py;
        const float h = std::clamp((wx * ex + wy * ey) / (ex * ex + ey * ey), 0.0f, 1.0f);
        const float dist = std::hypot(wx - ex * h, wy - ey * h);
        const float cross = ex * wy - ey * wx;
        return cross > 0.0f ? -dist : dist;   // the centre side of the edge is inside
    }
    case Shape::Cross:
        return std::min(boxDistance(u, v, kCrossHalfLength, kCrossHalfWidth),
                        boxDistance(u, v, kCrossHalfWidth, kCrossHalfLength));
    case Shape::Heart: {
        // A square turned 45° with two discs on its upper sides, centred in its bounding circle.
        const float s = kHeartSide;
        const float shift = 0.073f * s;
        const float su = u;
        const float sv = v - shift;
        const float ru = (su + sv) * 0.70710678f;
        const float rv = (sv - su) * 0.70710678f;
        const float square = boxDistance(ru, rv, s * 0.5f, s * 0.5f);
        const float lobe = 0.35355339f * s;
        const float left = circleDistance(u, v, -lobe, -lobe + shift, s * 0.5f);
        const float right = circleDistance(u, v, lobe, -lobe + shift, s * 0.5f);
        return std::min(square, std::min(left, right));
    }
    }
    return 1.0f;
}

// The local point painted in the main colour; patterns are laid out around it.
std::array<float, 2> localAnchor(Shape shape)
{
    if (shape == Shape::Ring) return {(1.0f + kRingInner) * 0.5f, 0.0f};
    return {0.0f, 0.0f};
}

struct PlaneWriter {
    float* r;
    float* g;
    float* b;
};

void renderBackground(const SceneSpec& scene, int resolution, const PlaneWriter& out)
{
    const Rgb base = shadedColor(scene.background, scene.backgroundShade);
    const Rgb other = secondTone(base, 0.28f);
    const float scale = static_cast<float>(resolution) / kShapesWorldResolution;
    const int variant = std::clamp(scene.backgroundVariant, 0, kBackgroundVariantCount - 1);
    const float inv = 1.0f / static_cast<float>(resolution);
    const float angle = scene.backgroundStyle == BackgroundStyle::Gradient ? kGradientAngles[static_cast<std::size_t>(variant)]
                                                                           : kStripeAngles[static_cast<std::size_t>(variant)];
    const float dirX = std::cos(angle);
    const float dirY = std::sin(angle);
    const float checkerPeriod = std::max(2.0f, kCheckerPeriods[static_cast<std::size_t>(variant)] * scale);
    const float stripePeriod = std::max(2.0f, kStripePeriod * scale);
    for (int y = 0; y < resolution; ++y) {
        const float py = static_cast<float>(y) + 0.5f;
        const std::size_t rowStart = static_cast<std::size_t>(y) * resolution;
        for (int x = 0; x < resolution; ++x) {
            const float px = static_cast<float>(x) + 0.5f;
            float t = 0.0f;
            switch (scene.backgroundStyle) {
            case BackgroundStyle::Plain:
                break;
            case BackgroundStyle::Gradient: {
                const float along = (px * inv - 0.5f) * dirX + (py * inv - 0.5f) * dirY;   // about ±0.7
                t = std::clamp(along * 0.7f + 0.5f, 0.0f, 1.0f);
                break;
            }
            case BackgroundStyle::Checkered: {
                const float a = softSquareWave(px / checkerPeriod, checkerPeriod, 0.5f);
                const float b = softSquareWave(py / checkerPeriod, checkerPeriod, 0.5f);
                t = a + b - 2.0f * a * b;   // soft exclusive or
                break;
            }
            case BackgroundStyle::Striped:
                t = softSquareWave((px * dirX + py * dirY) / stripePeriod, stripePeriod, 0.5f);
                break;
            }
            const std::size_t i = rowStart + static_cast<std::size_t>(x);
            out.r[i] = base.r + (other.r - base.r) * t;
            out.g[i] = base.g + (other.g - base.g) * t;
            out.b[i] = base.b + (other.b - base.b) * t;
        }
    }
}

void renderObject(const ObjectSpec& object, int resolution, const PlaneWriter& out)
{
    const float res = static_cast<float>(resolution);
    const float radiusPx = std::max(object.radius * res, 0.5f);
    const float cxPx = object.cx * res;
    const float cyPx = object.cy * res;
    const float cosR = std::cos(object.rotation);
    const float sinR = std::sin(object.rotation);
    const float invRadius = 1.0f / radiusPx;
    const Rgb main = shadedColor(object.color, object.shade);
    const Rgb other = secondTone(main, 0.42f);
    const auto anchor = localAnchor(object.shape);
    const float dotRadius = 0.28f * kObjectDotSpacing;
    const float stripeCos = std::cos(kObjectStripeAngle);
    const float stripeSin = std::sin(kObjectStripeAngle);

    const float extent = radiusPx * kOutlineReach + 1.5f;
    const int x0 = std::max(0, static_cast<int>(std::floor(cxPx - extent)));
    const int x1 = std::min(resolution - 1, static_cast<int>(std::ceil(cxPx + extent)));
    const int y0 = std::max(0, static_cast<int>(std::floor(cyPx - extent)));
    const int y1 = std::min(resolution - 1, static_cast<int>(std::ceil(cyPx + extent)));
    for (int y = y0; y <= y1; ++y) {
        const float dy = static_cast<float>(y) + 0.5f - cyPx;
        const std::size_t rowStart = static_cast<std::size_t>(y) * resolution;
        for (int x = x0; x <= x1; ++x) {
            const float dx = static_cast<float>(x) + 0.5f - cxPx;
            // Into the object's frame (rotate by -rotation), in radius units.
            const float u = (dx * cosR + dy * sinR) * invRadius;
            const float v = (-dx * sinR + dy * cosR) * invRadius;
            const float distancePx = shapeDistance(object.shape, u, v) * radiusPx;
            const float coverage = std::clamp(0.5f - distancePx, 0.0f, 1.0f);
            if (coverage <= 0.0f) continue;
            float patternAmount = 0.0f;
            const float au = u - anchor[0];
            const float av = v - anchor[1];
            if (object.pattern == Pattern::Striped) {
                const float w = au * stripeCos + av * stripeSin;
                // Second-tone band of 40% centred half a period away from the anchor.
                patternAmount = softSquareWave(w / kObjectStripePeriod, kObjectStripePeriod * radiusPx, 0.4f);
            } else if (object.pattern == Pattern::Dotted) {
                const float gu = au / kObjectDotSpacing - std::floor(au / kObjectDotSpacing) - 0.5f;
                const float gv = av / kObjectDotSpacing - std::floor(av / kObjectDotSpacing) - 0.5f;
                const float distanceToDot = (std::hypot(gu, gv) * kObjectDotSpacing - dotRadius) * radiusPx;
                patternAmount = std::clamp(0.5f - distanceToDot, 0.0f, 1.0f);
            }
            const Rgb paint = lerp(main, other, patternAmount);
            const std::size_t i = rowStart + static_cast<std::size_t>(x);
            out.r[i] += (paint.r - out.r[i]) * coverage;
            out.g[i] += (paint.g - out.g[i]) * coverage;
            out.b[i] += (paint.b - out.b[i]) * coverage;
        }
    }
}

// Renders [0, 1] RGB planes.
void renderPlanes(const SceneSpec& scene, int resolution, const PlaneWriter& out)
{
    renderBackground(scene, resolution, out);
    renderObject(scene.object, resolution, out);
}

// ---------------------------------------------------------------------------------------------
// Caption words.

std::vector<std::string> splitWords(std::string_view text)
{
    std::vector<std::string> words;
    std::string current;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c)) {
            current.push_back(static_cast<char>(std::tolower(c)));
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

const char* articleFor(const std::string& nextWord)
{
    return (!nextWord.empty() && std::string_view("aeiou").find(nextWord.front()) != std::string_view::npos) ? "an" : "a";
}

class CaptionParser {
public:
    explicit CaptionParser(std::vector<std::string> words) : m_words(std::move(words)) {}

    Result<CaptionSpec> parse()
    {
        CaptionSpec spec;
        if (m_words.empty()) return fail("the caption is empty; write e.g. \"a red star\"");
        if (peek() != "a" && peek() != "an") return fail("expected \"a\" or \"an\" to start the object");
        ++m_pos;
        if (auto size = parseSizeClass(peek())) { spec.size = size; ++m_pos; }
        if (auto pattern = parsePattern(peek())) { spec.pattern = pattern; ++m_pos; }
        if (auto color = parseColor(peek())) { spec.color = color; ++m_pos; }
        if (peek() == "shape") {
            ++m_pos;
        } else if (auto shape = parseShape(peek())) {
            spec.shape = shape;
            ++m_pos;
        } else {
            return fail("expected a shape (circle, square, triangle, star, heart, ring, cross, diamond or shape)");
        }
        if (peek() == "on") {
            ++m_pos;
            if (peek() != "a" && peek() != "an") return fail("expected \"a\" after \"on\" in the background phrase");
            ++m_pos;
            if (auto color = parseColor(peek())) { spec.background = color; ++m_pos; }
            if (auto style = parseBackgroundStyle(peek())) { spec.backgroundStyle = style; ++m_pos; }
            if (peek() != "background") return fail("expected \"background\"");
            ++m_pos;
            if (!spec.background && !spec.backgroundStyle)
                return fail("a background phrase needs a colour or a style, e.g. \"on a gray background\"");
        }
        if (m_pos != m_words.size()) return fail("unexpected word (a caption describes one object and its background)");
        if (spec.background && spec.color && *spec.color == *spec.background)
            return lscore::makeError("Caption asks for a " + std::string(toString(*spec.color)) +
                                     " object on a background of the same colour; choose two different colours");
        return spec;
    }

private:
    std::string_view peek() const { return m_pos < m_words.size() ? std::string_view(m_words[m_pos]) : std::string_view(); }

    Error fail(const std::string& what) const
    {
        std::string message = "Cannot read the caption: " + what;
        if (m_pos < m_words.size()) message += " at \"" + m_words[m_pos] + "\" (word " + std::to_string(m_pos + 1) + ")";
        else if (!m_words.empty()) message += " at the end";
        return lscore::makeError(message + ".");
    }

    std::vector<std::string> m_words;
    std::size_t m_pos = 0;
};

} // namespace

// -------------------------------------------------------------------------------------------------
// Public API.

ValueRange radiusRange(SizeClass size)
{
    switch (size) {
    case SizeClass::Small: return {0.18f, 0.22f};
    case SizeClass::Medium: return {0.26f, 0.30f};
    case SizeClass::Big: return {0.34f, 0.40f};
    }
    return {0.26f, 0.30f};
}

bool isRotationFree(Shape shape) { return shape == Shape::Circle || shape == Shape::Ring; }

std::array<std::uint8_t, 3> paletteRgb(Color color) { return kPalette[static_cast<int>(color)]; }

bool isHeldOut(Shape shape, Color color)
{
    return std::any_of(kHeldOutPairs.begin(), kHeldOutPairs.end(),
                       [&](const ShapeColorPair& p) { return p.shape == shape && p.color == color; });
}

bool isHeldOut(const SceneSpec& scene) { return isHeldOut(scene.object.shape, scene.object.color); }

WorldSample sampleScene(std::uint64_t seed, std::uint64_t index, SplitFilter filter)
{
    Rng rng(seed, index, 1);
    CaptionSpec constraints;
    const bool heldOut = filter == SplitFilter::HeldOutOnly;
    if (heldOut) {
        const ShapeColorPair& pair = kHeldOutPairs[static_cast<std::size_t>(rng.below(static_cast<int>(kHeldOutPairs.size())))];
        constraints.shape = pair.shape;
        constraints.color = pair.color;
    }
    WorldSample sample;
    sample.scene = drawScene(rng, constraints, /*avoidHeldOut=*/filter != SplitFilter::Any);
    // What the caption states. What it omits is what z must carry.
    const SceneSpec& scene = sample.scene;
    CaptionSpec& stated = sample.stated;
    // Each attribute is stated about as often as it is left open: G learns to read it from the
    // caption and, just as often, from z (a caption that names the colour three times in four left
    // too few open colours for the mapping to learn them, and open colours came out grey).
    if (heldOut || rng.chance(0.6f)) stated.shape = scene.object.shape;
    if (heldOut || rng.chance(0.5f)) stated.color = scene.object.color;
    if (rng.chance(0.5f)) stated.size = scene.object.size;
    if (rng.chance(0.5f)) stated.pattern = scene.object.pattern;
    if (rng.chance(0.5f)) stated.background = scene.background;
    if (rng.chance(0.5f)) stated.backgroundStyle = scene.backgroundStyle;
    sample.caption = captionFor(stated);
    return sample;
}

std::string captionFor(const CaptionSpec& stated)
{
    std::vector<std::string> words;
    if (stated.size) words.emplace_back(toString(*stated.size));
    if (stated.pattern) words.emplace_back(toString(*stated.pattern));
    if (stated.color) words.emplace_back(toString(*stated.color));
    words.emplace_back(stated.shape ? toString(*stated.shape) : "shape");
    std::string caption = articleFor(words.front());
    for (const std::string& w : words) caption += ' ' + w;
    if (stated.background || stated.backgroundStyle) {
        std::vector<std::string> background;
        if (stated.background) background.emplace_back(toString(*stated.background));
        if (stated.backgroundStyle) background.emplace_back(toString(*stated.backgroundStyle));
        caption += " on ";
        caption += articleFor(background.front());
        for (const std::string& w : background) caption += ' ' + w;
        caption += " background";
    }
    return caption;
}

Result<CaptionSpec> parseCaption(std::string_view caption)
{
    std::vector<std::string> words = splitWords(caption);
    if (static_cast<int>(words.size()) + 2 > kShapesWorldContext)
        return lscore::makeError("Caption has " + std::to_string(words.size()) + " words; Shapes World captions have at most " +
                                 std::to_string(kShapesWorldContext - 2) + ".");
    return CaptionParser(std::move(words)).parse();
}

SceneSpec sceneForCaption(const CaptionSpec& stated, std::uint64_t seed, std::uint64_t index)
{
    Rng rng(seed, index, 2);
    return drawScene(rng, stated, /*avoidHeldOut=*/true);
}

Result<SceneSpec> sceneForCaption(std::string_view caption, std::uint64_t seed, std::uint64_t index)
{
    auto stated = parseCaption(caption);
    if (!stated) return Error{stated.error()};
    return sceneForCaption(*stated, seed, index);
}

void takeSceneColours(SceneSpec& scene, const SceneSpec& donor)
{
    scene.object.color = donor.object.color;
    scene.object.shade = donor.object.shade;
    scene.object.pattern = donor.object.pattern;
    scene.background = donor.background;
    scene.backgroundShade = donor.backgroundShade;
    scene.backgroundStyle = donor.backgroundStyle;
    scene.backgroundVariant = donor.backgroundVariant;
}

bool satisfies(const SceneSpec& scene, const CaptionSpec& stated)
{
    const ObjectSpec& o = scene.object;
    if (stated.shape && *stated.shape != o.shape) return false;
    if (stated.color && *stated.color != o.color) return false;
    if (stated.pattern && *stated.pattern != o.pattern) return false;
    if (stated.size) {
        const ValueRange range = radiusRange(*stated.size);
        if (*stated.size != o.size || o.radius < range.lo - 1e-4f || o.radius > range.hi + 1e-4f) return false;
    }
    if (o.color == scene.background) return false;
    if (std::fabs(o.cx - 0.5f) > kCentreJitter + 1e-4f || std::fabs(o.cy - 0.5f) > kCentreJitter + 1e-4f) return false;
    if (stated.background && *stated.background != scene.background) return false;
    if (stated.backgroundStyle && *stated.backgroundStyle != scene.backgroundStyle) return false;
    return true;
}

std::array<float, 2> mainColorPoint(const ObjectSpec& object)
{
    const auto anchor = localAnchor(object.shape);
    const float c = std::cos(object.rotation);
    const float s = std::sin(object.rotation);
    // Local → image: rotate by +rotation (the renderer maps image → local by -rotation).
    const float dx = (anchor[0] * c - anchor[1] * s) * object.radius;
    const float dy = (anchor[0] * s + anchor[1] * c) * object.radius;
    return {object.cx + dx, object.cy + dy};
}

void renderScene(const SceneSpec& scene, float* chw, int resolution)
{
    if (chw == nullptr || resolution <= 0) return;
    const std::size_t plane = static_cast<std::size_t>(resolution) * resolution;
    const PlaneWriter out{chw, chw + plane, chw + 2 * plane};
    renderPlanes(scene, resolution, out);
    for (std::size_t i = 0; i < 3 * plane; ++i) chw[i] = chw[i] * 2.0f - 1.0f;
}

void renderScenes(std::span<const SceneSpec> scenes, float* nchw, int resolution)
{
    if (nchw == nullptr || resolution <= 0 || scenes.empty()) return;
    const std::size_t imageFloats = 3ull * resolution * resolution;
    at::parallel_for(0, static_cast<std::int64_t>(scenes.size()), 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            renderScene(scenes[static_cast<std::size_t>(i)], nchw + static_cast<std::size_t>(i) * imageFloats, resolution);
    });
}

void renderObjectRegions(std::span<const SceneSpec> scenes, float* n1hw, int resolution)
{
    if (n1hw == nullptr || resolution <= 0) return;
    const std::size_t plane = static_cast<std::size_t>(resolution) * resolution;
    const float res = static_cast<float>(resolution);
    at::parallel_for(0, static_cast<std::int64_t>(scenes.size()), 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            float* mask = n1hw + static_cast<std::size_t>(i) * plane;
            const ObjectSpec& object = scenes[static_cast<std::size_t>(i)].object;
            const float radiusPx = std::max(object.radius * res, 0.5f) * kOutlineReach;
            const float cxPx = object.cx * res;
            const float cyPx = object.cy * res;
            for (int y = 0; y < resolution; ++y) {
                for (int x = 0; x < resolution; ++x) {
                    const float distancePx = std::hypot(static_cast<float>(x) + 0.5f - cxPx, static_cast<float>(y) + 0.5f - cyPx) - radiusPx;
                    mask[static_cast<std::size_t>(y) * resolution + static_cast<std::size_t>(x)] = std::clamp(0.5f - distancePx, 0.0f, 1.0f);
                }
            }
        }
    });
}

Image renderSceneImage(const SceneSpec& scene, int resolution)
{
    Image image;
    if (resolution <= 0) return image;
    const std::size_t plane = static_cast<std::size_t>(resolution) * resolution;
    std::vector<float> planes(3 * plane);
    renderPlanes(scene, resolution, PlaneWriter{planes.data(), planes.data() + plane, planes.data() + 2 * plane});
    image.width = resolution;
    image.height = resolution;
    image.rgb.resize(3 * plane);
    for (std::size_t i = 0; i < plane; ++i) {
        for (std::size_t c = 0; c < 3; ++c)
            image.rgb[3 * i + c] = static_cast<std::uint8_t>(std::lround(std::clamp(planes[c * plane + i], 0.0f, 1.0f) * 255.0f));
    }
    return image;
}

std::vector<std::string> shapesWorldVocabulary()
{
    std::vector<std::string> words{"a", "an", "shape", "background", "on"};
    for (const char* n : kShapeNames) words.emplace_back(n);
    for (const char* n : kColorNames) words.emplace_back(n);
    for (const char* n : kSizeNames) words.emplace_back(n);
    for (const char* n : kPatternNames) words.emplace_back(n);
    for (const char* n : kBackgroundStyleNames) words.emplace_back(n);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

const char* toString(Shape shape) { return kShapeNames[static_cast<int>(shape)]; }
const char* toString(Color color) { return kColorNames[static_cast<int>(color)]; }
const char* toString(SizeClass size) { return kSizeNames[static_cast<int>(size)]; }
const char* toString(Pattern pattern) { return kPatternNames[static_cast<int>(pattern)]; }
const char* toString(BackgroundStyle style) { return kBackgroundStyleNames[static_cast<int>(style)]; }

std::optional<Shape> parseShape(std::string_view word) { return lookup<Shape>(kShapeNames, word); }
std::optional<Color> parseColor(std::string_view word) { return lookup<Color>(kColorNames, word); }
std::optional<SizeClass> parseSizeClass(std::string_view word) { return lookup<SizeClass>(kSizeNames, word); }
std::optional<Pattern> parsePattern(std::string_view word) { return lookup<Pattern>(kPatternNames, word); }
std::optional<BackgroundStyle> parseBackgroundStyle(std::string_view word)
{
    return lookup<BackgroundStyle>(kBackgroundStyleNames, word);
}

} // namespace lstrain
