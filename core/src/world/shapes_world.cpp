// Shapes World: sampling, captions, parsing and the anti-aliased software renderer.
//
// Rendering uses signed distances (in pixels) to each shape's outline: a pixel's coverage is
// clamp(0.5 - distance, 0, 1), which is a box filter of one pixel across the edge. That costs one
// distance per pixel inside the object's bounding box instead of 16 inside-tests per pixel for 4×4
// supersampling, which is what makes on-the-fly training batches cheap.
#include "lscore/shapes_world.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>

#include <ATen/Parallel.h>

namespace lscore {
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
        : m_state(mix64(mix64(seed ^ 0x5348415045534bull) ^ mix64(index + 0x1234567ull) ^ (stream * 0x9e3779b97f4a7c15ull)))
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
// Names.

constexpr std::array<const char*, kShapeCount> kShapeNames{
    "circle", "square", "triangle", "star", "heart", "ring", "cross", "diamond"};
constexpr std::array<const char*, kColorCount> kColorNames{
    "red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "white", "black", "gray", "brown"};
constexpr std::array<const char*, kSizeClassCount> kSizeNames{"small", "big"};
constexpr std::array<const char*, kPatternCount> kPatternNames{"plain", "striped", "dotted"};
constexpr std::array<const char*, kBackgroundStyleCount> kBackgroundStyleNames{
    "plain", "gradient", "checkered", "striped"};
constexpr std::array<const char*, kPositionCount> kPositionNames{
    "in the center", "on the left", "on the right", "at the top", "at the bottom"};
constexpr std::array<const char*, kRelationCount> kRelationNames{
    "to the left of", "to the right of", "above", "below"};

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

// ---------------------------------------------------------------------------------------------
// Geometry rules shared by the sampler and satisfies(). The sampler places objects well inside
// these regions; the checks accept a little more, so a stated attribute is true with a margin.

constexpr float kBorderMargin = 0.015f;
constexpr float kObjectGap = 0.03f;              // between two bounding circles
constexpr float kCenterSampleHalfWidth = 0.05f;
constexpr float kCenterCheckHalfWidth = 0.07f;
constexpr float kSideSampleMinOffset = 0.12f;    // |dx| of "on the left" from the image centre
constexpr float kSideCheckMinOffset = 0.10f;
constexpr float kSideSampleSlope = 0.5f;         // |dy| <= slope * |dx| for a horizontal side
constexpr float kSideCheckSlope = 0.6f;
constexpr float kRelationSampleSlope = 0.4f;
constexpr float kRelationCheckSlope = 0.6f;


// ---------------------------------------------------------------------------------------------
// Scene drawing under constraints.

Pattern drawPattern(Rng& rng)
{
    const float u = rng.uniform();
    return u < 0.6f ? Pattern::Plain : (u < 0.8f ? Pattern::Striped : Pattern::Dotted);
}

BackgroundStyle drawBackgroundStyle(Rng& rng)
{
    const float u = rng.uniform();
    if (u < 0.4f) return BackgroundStyle::Plain;
    if (u < 0.6f) return BackgroundStyle::Gradient;
    if (u < 0.8f) return BackgroundStyle::Checkered;
    return BackgroundStyle::Striped;
}

float drawRotation(Rng& rng, Shape shape)
{
    // A heart upside down reads as something else; every other shape turns freely.
    if (shape == Shape::Heart) return rng.uniform(kHeartRotationRange.lo, kHeartRotationRange.hi);
    return rng.uniform(0.0f, 2.0f * kPi);
}

// The ranges placeSingle() and placePair() draw from, shared with placementDraws(), which recovers
// the draws from a finished scene.
ValueRange sideAlongRange(float radius)
{
    const float lo = radius + kBorderMargin;
    return {kSideSampleMinOffset + 0.01f, std::max(kSideSampleMinOffset + 0.011f, 0.5f - lo)};
}

float sideAcrossLimit(float along, float radius) { return std::min(kSideSampleSlope * along, 0.5f - radius - kBorderMargin); }

float pairMinDistance(const ObjectSpec& first, const ObjectSpec& second) { return first.radius + second.radius + kObjectGap; }
constexpr float kPairDistanceSpread = 0.3f;
float pairMaxTilt() { return std::atan(kRelationSampleSlope) * 0.9f; }

std::array<float, 2> relationDirection(Relation relation)   // from the first object to the second
{
    switch (relation) {
    case Relation::LeftOf: return {1.0f, 0.0f};    // first is left of second
    case Relation::RightOf: return {-1.0f, 0.0f};
    case Relation::Above: return {0.0f, 1.0f};     // image y grows downwards
    case Relation::Below: return {0.0f, -1.0f};
    }
    return {1.0f, 0.0f};
}

// Where the first centre may go so that both objects, the second at offset (ox, oy), stay inside.
std::array<ValueRange, 2> pairFirstCentreBox(const ObjectSpec& first, const ObjectSpec& second, float ox, float oy)
{
    return {ValueRange{std::max(first.radius + kBorderMargin, second.radius + kBorderMargin - ox),
                       std::min(1.0f - first.radius - kBorderMargin, 1.0f - second.radius - kBorderMargin - ox)},
            ValueRange{std::max(first.radius + kBorderMargin, second.radius + kBorderMargin - oy),
                       std::min(1.0f - first.radius - kBorderMargin, 1.0f - second.radius - kBorderMargin - oy)}};
}

void placeSingle(Rng& rng, ObjectSpec& object, Position position)
{
    const float r = object.radius;
    const float lo = r + kBorderMargin;
    const float hi = 1.0f - r - kBorderMargin;
    if (position == Position::Center) {
        object.cx = 0.5f + rng.uniform(-kCenterSampleHalfWidth, kCenterSampleHalfWidth);
        object.cy = 0.5f + rng.uniform(-kCenterSampleHalfWidth, kCenterSampleHalfWidth);
        return;
    }
    // Offset along the side's axis (away from the centre), then a smaller offset across it.
    const ValueRange alongRange = sideAlongRange(r);
    const float along = rng.uniform(alongRange.lo, alongRange.hi);
    const float acrossLimit = sideAcrossLimit(along, r);
    const float across = rng.uniform(-acrossLimit, acrossLimit);
    float dx = 0.0f;
    float dy = 0.0f;
    switch (position) {
    case Position::Left: dx = -along; dy = across; break;
    case Position::Right: dx = along; dy = across; break;
    case Position::Top: dy = -along; dx = across; break;
    case Position::Bottom: dy = along; dx = across; break;
    case Position::Center: break;
    }
    object.cx = std::clamp(0.5f + dx, lo, hi);
    object.cy = std::clamp(0.5f + dy, lo, hi);
}

void placePair(Rng& rng, ObjectSpec& first, ObjectSpec& second, Relation relation)
{
    const auto [dirX, dirY] = relationDirection(relation);
    const float minDistance = pairMinDistance(first, second);
    const float maxTilt = pairMaxTilt();
    for (int attempt = 0; attempt < 64; ++attempt) {
        const float distance = rng.uniform(minDistance, minDistance + kPairDistanceSpread);
        const float tilt = rng.uniform(-maxTilt, maxTilt);
        const float c = std::cos(tilt);
        const float s = std::sin(tilt);
        const float ox = (dirX * c - dirY * s) * distance;
        const float oy = (dirX * s + dirY * c) * distance;
        // The first centre must keep both objects inside the image.
        const auto [xRange, yRange] = pairFirstCentreBox(first, second, ox, oy);
        if (xRange.lo > xRange.hi || yRange.lo > yRange.hi) continue;
        first.cx = rng.uniform(xRange.lo, xRange.hi);
        first.cy = rng.uniform(yRange.lo, yRange.hi);
        second.cx = first.cx + ox;
        second.cy = first.cy + oy;
        return;
    }
    // Always fits: the largest two-object radii span less than the image along the axis.
    first.cx = 0.5f - dirX * minDistance * 0.5f;
    first.cy = 0.5f - dirY * minDistance * 0.5f;
    second.cx = 0.5f + dirX * minDistance * 0.5f;
    second.cy = 0.5f + dirY * minDistance * 0.5f;
}

// Draws everything the constraints leave open. `avoidHeldOut`: unstated shape/colour choices never
// form a held-out pair (a pair stated in full is kept: the caption asks for it).
SceneSpec drawScene(Rng& rng, const CaptionSpec& constraints, bool avoidHeldOut)
{
    SceneSpec scene;
    const int count = std::clamp(static_cast<int>(constraints.objects.size()), 1, 2);
    scene.objects.resize(count);
    for (int i = 0; i < count; ++i) {
        const ObjectStatement& stated = constraints.objects[i];
        ObjectSpec& object = scene.objects[i];
        for (int attempt = 0; attempt < 256; ++attempt) {
            object.shape = stated.shape ? *stated.shape : static_cast<Shape>(rng.below(kShapeCount));
            object.color = stated.color ? *stated.color : static_cast<Color>(rng.below(kColorCount));
            const bool bothStated = stated.shape && stated.color;
            const bool clashesWithBackground = !stated.color && constraints.background && object.color == *constraints.background;
            const bool allowedPair = bothStated || !avoidHeldOut || !isHeldOut(object.shape, object.color);
            if (allowedPair && !clashesWithBackground) break;
        }
        object.size = stated.size ? *stated.size : static_cast<SizeClass>(rng.below(kSizeClassCount));
        object.pattern = stated.pattern ? *stated.pattern : drawPattern(rng);
        const ValueRange range = radiusRange(object.size, count);
        object.radius = rng.uniform(range.lo, range.hi);
        object.rotation = drawRotation(rng, object.shape);
        object.shade = rng.uniform(kObjectShadeRange.lo, kObjectShadeRange.hi);
        object.patternPhase = rng.uniform();
    }

    if (constraints.background) {
        scene.background = *constraints.background;
    } else {
        for (int attempt = 0; attempt < 256; ++attempt) {
            scene.background = static_cast<Color>(rng.below(kColorCount));
            const bool clash = std::any_of(scene.objects.begin(), scene.objects.end(),
                                           [&](const ObjectSpec& o) { return o.color == scene.background; });
            if (!clash) break;
        }
    }
    scene.backgroundStyle = constraints.backgroundStyle ? *constraints.backgroundStyle : drawBackgroundStyle(rng);
    scene.backgroundShade = rng.uniform(kBackgroundShadeRange.lo, kBackgroundShadeRange.hi);
    if (scene.backgroundStyle == BackgroundStyle::Striped) {
        scene.backgroundAngle = static_cast<float>(rng.below(4)) * kPi * 0.25f + rng.uniform(-kStripeAngleJitter, kStripeAngleJitter);
        scene.backgroundPeriod = rng.uniform(kStripePeriodRange.lo, kStripePeriodRange.hi);
    } else if (scene.backgroundStyle == BackgroundStyle::Checkered) {
        scene.backgroundPeriod = rng.uniform(kCheckerPeriodRange.lo, kCheckerPeriodRange.hi);
    } else {
        scene.backgroundAngle = rng.uniform(0.0f, 2.0f * kPi);
    }
    scene.backgroundOffset = rng.uniform();

    if (count == 1) {
        scene.position = constraints.position ? *constraints.position : static_cast<Position>(rng.below(kPositionCount));
        placeSingle(rng, scene.objects[0], scene.position);
    } else {
        scene.relation = constraints.relation ? *constraints.relation : static_cast<Relation>(rng.below(kRelationCount));
        placePair(rng, scene.objects[0], scene.objects[1], scene.relation);
    }
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
    const float period = std::max(2.0f, scene.backgroundPeriod * scale);
    const float inv = 1.0f / static_cast<float>(resolution);
    const float dirX = std::cos(scene.backgroundAngle);
    const float dirY = std::sin(scene.backgroundAngle);
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
                const float a = softSquareWave(px / period + scene.backgroundOffset, period, 0.5f);
                const float b = softSquareWave(py / period + scene.backgroundOffset, period, 0.5f);
                t = a + b - 2.0f * a * b;   // soft exclusive or
                break;
            }
            case BackgroundStyle::Striped:
                t = softSquareWave((px * dirX + py * dirY) / period + scene.backgroundOffset, period, 0.5f);
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

    // Pattern sizes in radius units, never finer than a few pixels so they survive down-sampling.
    const float stripePeriod = std::max(0.42f, 7.0f * invRadius);
    const float dotSpacing = std::max(0.45f, 8.0f * invRadius);
    const float dotRadius = 0.28f * dotSpacing;
    const float stripeAngle = object.patternPhase * kPi;
    const float stripeCos = std::cos(stripeAngle);
    const float stripeSin = std::sin(stripeAngle);

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
                patternAmount = softSquareWave(w / stripePeriod, stripePeriod * radiusPx, 0.4f);
            } else if (object.pattern == Pattern::Dotted) {
                const float gu = au / dotSpacing - std::floor(au / dotSpacing) - 0.5f;
                const float gv = av / dotSpacing - std::floor(av / dotSpacing) - 0.5f;
                const float distanceToDot = (std::hypot(gu, gv) * dotSpacing - dotRadius) * radiusPx;
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
    for (const ObjectSpec& object : scene.objects) renderObject(object, resolution, out);
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

std::string objectPhrase(const ObjectStatement& object)
{
    std::vector<std::string> words;
    if (object.size) words.emplace_back(toString(*object.size));
    if (object.pattern) words.emplace_back(toString(*object.pattern));
    if (object.color) words.emplace_back(toString(*object.color));
    words.emplace_back(object.shape ? toString(*object.shape) : "shape");
    std::string phrase = articleFor(words.front());
    for (const std::string& w : words) phrase += ' ' + w;
    return phrase;
}

class CaptionParser {
public:
    explicit CaptionParser(std::vector<std::string> words) : m_words(std::move(words)) {}

    Result<CaptionSpec> parse()
    {
        CaptionSpec spec;
        if (m_words.empty()) return fail("the caption is empty; write e.g. \"a red star\"");
        auto first = parseObject();
        if (!first) return Error{first.error()};
        spec.objects.push_back(*first);

        bool secondObject = false;
        if (accept({"to", "the", "left", "of"})) { spec.relation = Relation::LeftOf; secondObject = true; }
        else if (accept({"to", "the", "right", "of"})) { spec.relation = Relation::RightOf; secondObject = true; }
        else if (accept({"above"})) { spec.relation = Relation::Above; secondObject = true; }
        else if (accept({"below"})) { spec.relation = Relation::Below; secondObject = true; }
        else if (accept({"and"})) { secondObject = true; }
        if (secondObject) {
            auto second = parseObject();
            if (!second) return Error{second.error()};
            spec.objects.push_back(*second);
        } else {
            if (accept({"on", "the", "left"})) spec.position = Position::Left;
            else if (accept({"on", "the", "right"})) spec.position = Position::Right;
            else if (accept({"at", "the", "top"})) spec.position = Position::Top;
            else if (accept({"at", "the", "bottom"})) spec.position = Position::Bottom;
            else if (accept({"in", "the", "center"})) spec.position = Position::Center;
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
        if (m_pos != m_words.size()) return fail("unexpected word");
        for (const ObjectStatement& o : spec.objects) {
            if (spec.background && o.color && *o.color == *spec.background)
                return makeError("Caption asks for a " + std::string(toString(*o.color)) +
                                 " object on a background of the same colour; choose two different colours");
        }
        return spec;
    }

private:
    std::string_view peek() const { return m_pos < m_words.size() ? std::string_view(m_words[m_pos]) : std::string_view(); }

    bool accept(std::initializer_list<std::string_view> sequence)
    {
        std::size_t i = m_pos;
        for (std::string_view w : sequence) {
            if (i >= m_words.size() || m_words[i] != w) return false;
            ++i;
        }
        m_pos = i;
        return true;
    }

    Result<ObjectStatement> parseObject()
    {
        ObjectStatement object;
        if (peek() != "a" && peek() != "an") return fail("expected \"a\" or \"an\" to start an object");
        ++m_pos;
        if (auto size = parseSizeClass(peek())) { object.size = size; ++m_pos; }
        if (auto pattern = parsePattern(peek())) { object.pattern = pattern; ++m_pos; }
        if (auto color = parseColor(peek())) { object.color = color; ++m_pos; }
        if (peek() == "shape") {
            ++m_pos;
        } else if (auto shape = parseShape(peek())) {
            object.shape = shape;
            ++m_pos;
        } else {
            return fail("expected a shape (circle, square, triangle, star, heart, ring, cross, diamond or shape)");
        }
        return object;
    }

    Error fail(const std::string& what) const
    {
        std::string message = "Cannot read the caption: " + what;
        if (m_pos < m_words.size()) message += " at \"" + m_words[m_pos] + "\" (word " + std::to_string(m_pos + 1) + ")";
        else if (!m_words.empty()) message += " at the end";
        return makeError(message + ".");
    }

    std::vector<std::string> m_words;
    std::size_t m_pos = 0;
};

} // namespace

ValueRange radiusRange(SizeClass size, int objectCount)
{
    if (objectCount == 1)
        return size == SizeClass::Small ? ValueRange{0.085f, 0.12f} : ValueRange{0.19f, 0.25f};
    return size == SizeClass::Small ? ValueRange{0.08f, 0.11f} : ValueRange{0.17f, 0.21f};
}

// -------------------------------------------------------------------------------------------------
// Public API.

std::array<std::uint8_t, 3> paletteRgb(Color color) { return kPalette[static_cast<int>(color)]; }

bool isHeldOut(Shape shape, Color color)
{
    return std::any_of(kHeldOutPairs.begin(), kHeldOutPairs.end(),
                       [&](const ShapeColorPair& p) { return p.shape == shape && p.color == color; });
}

bool isHeldOut(const SceneSpec& scene)
{
    return std::any_of(scene.objects.begin(), scene.objects.end(),
                       [](const ObjectSpec& o) { return isHeldOut(o.shape, o.color); });
}

WorldSample sampleScene(std::uint64_t seed, std::uint64_t index, SplitFilter filter)
{
    Rng rng(seed, index, 1);
    CaptionSpec constraints;
    const int count = rng.chance(0.6f) ? 1 : 2;
    constraints.objects.resize(count);
    int heldOutSlot = -1;
    if (filter == SplitFilter::HeldOutOnly) {
        heldOutSlot = rng.below(count);
        const ShapeColorPair& pair = kHeldOutPairs[rng.below(static_cast<int>(kHeldOutPairs.size()))];
        constraints.objects[heldOutSlot].shape = pair.shape;
        constraints.objects[heldOutSlot].color = pair.color;
    }
    WorldSample sample;
    sample.scene = drawScene(rng, constraints, /*avoidHeldOut=*/filter != SplitFilter::Any);
    // What the caption states. What it omits is what z must carry.
    const SceneSpec& scene = sample.scene;
    CaptionSpec& stated = sample.stated;
    stated.objects.resize(count);
    for (int i = 0; i < count; ++i) {
        const ObjectSpec& o = scene.objects[i];
        ObjectStatement& s = stated.objects[i];
        const bool forced = i == heldOutSlot;
        if (forced || rng.chance(0.9f)) s.shape = o.shape;
        if (forced || rng.chance(0.75f)) s.color = o.color;
        if (rng.chance(0.35f)) s.size = o.size;
        if (rng.chance(o.pattern == Pattern::Plain ? 0.12f : 0.45f)) s.pattern = o.pattern;
    }
    if (count == 1) {
        if (rng.chance(0.45f)) stated.position = scene.position;
    } else {
        if (rng.chance(0.85f)) stated.relation = scene.relation;
    }
    if (rng.chance(0.4f)) stated.background = scene.background;
    if (rng.chance(scene.backgroundStyle == BackgroundStyle::Plain ? 0.12f : 0.4f)) stated.backgroundStyle = scene.backgroundStyle;
    sample.caption = captionFor(stated);
    return sample;
}

std::string captionFor(const CaptionSpec& stated)
{
    if (stated.objects.empty()) return {};
    std::string caption = objectPhrase(stated.objects[0]);
    if (stated.objects.size() >= 2) {
        caption += ' ';
        caption += stated.relation ? toString(*stated.relation) : "and";
        caption += ' ' + objectPhrase(stated.objects[1]);
    } else if (stated.position) {
        caption += ' ';
        caption += toString(*stated.position);
    }
    if (stated.background || stated.backgroundStyle) {
        std::vector<std::string> words;
        if (stated.background) words.emplace_back(toString(*stated.background));
        if (stated.backgroundStyle) words.emplace_back(toString(*stated.backgroundStyle));
        caption += " on ";
        caption += articleFor(words.front());
        for (const std::string& w : words) caption += ' ' + w;
        caption += " background";
    }
    return caption;
}

Result<CaptionSpec> parseCaption(std::string_view caption)
{
    std::vector<std::string> words = splitWords(caption);
    if (static_cast<int>(words.size()) + 2 > kShapesWorldContext)
        return makeError("Caption has " + std::to_string(words.size()) + " words; Shapes World captions have at most " +
                         std::to_string(kShapesWorldContext - 2) + ".");
    return CaptionParser(std::move(words)).parse();
}

SceneSpec sceneForCaption(const CaptionSpec& stated, std::uint64_t seed, std::uint64_t index)
{
    CaptionSpec constraints = stated;
    if (constraints.objects.empty()) constraints.objects.resize(1);
    if (constraints.objects.size() > 2) constraints.objects.resize(2);
    Rng rng(seed, index, 2);
    return drawScene(rng, constraints, /*avoidHeldOut=*/true);
}

Result<SceneSpec> sceneForCaption(std::string_view caption, std::uint64_t seed, std::uint64_t index)
{
    auto stated = parseCaption(caption);
    if (!stated) return Error{stated.error()};
    return sceneForCaption(*stated, seed, index);
}

std::optional<Position> positionOf(const ObjectSpec& object)
{
    const float dx = object.cx - 0.5f;
    const float dy = object.cy - 0.5f;
    if (std::fabs(dx) <= kCenterCheckHalfWidth && std::fabs(dy) <= kCenterCheckHalfWidth) return Position::Center;
    if (std::fabs(dx) >= kSideCheckMinOffset && std::fabs(dy) <= kSideCheckSlope * std::fabs(dx))
        return dx < 0 ? Position::Left : Position::Right;
    if (std::fabs(dy) >= kSideCheckMinOffset && std::fabs(dx) <= kSideCheckSlope * std::fabs(dy))
        return dy < 0 ? Position::Top : Position::Bottom;
    return std::nullopt;
}

std::optional<Relation> relationOf(const ObjectSpec& first, const ObjectSpec& second)
{
    const float dx = second.cx - first.cx;
    const float dy = second.cy - first.cy;
    if (std::fabs(dy) <= kRelationCheckSlope * std::fabs(dx)) return dx > 0 ? Relation::LeftOf : Relation::RightOf;
    if (std::fabs(dx) <= kRelationCheckSlope * std::fabs(dy)) return dy > 0 ? Relation::Above : Relation::Below;
    return std::nullopt;
}

std::array<float, 4> placementDraws(const SceneSpec& scene)
{
    constexpr float kNone = std::numeric_limits<float>::quiet_NaN();
    // Where `value` lies in [lo, hi], as the uniform draw that gave it (clamped: a degenerate range or
    // a fallback placement has no draw of its own).
    auto unit = [](float value, float lo, float hi) { return hi > lo ? std::clamp((value - lo) / (hi - lo), 0.0f, 1.0f) : 0.5f; };
    if (scene.objects.size() == 1) {
        const ObjectSpec& object = scene.objects.front();
        if (scene.position == Position::Center)
            return {unit(object.cx - 0.5f, -kCenterSampleHalfWidth, kCenterSampleHalfWidth),
                    unit(object.cy - 0.5f, -kCenterSampleHalfWidth, kCenterSampleHalfWidth), kNone, kNone};
        const bool horizontal = scene.position == Position::Left || scene.position == Position::Right;
        const float sign = scene.position == Position::Left || scene.position == Position::Top ? -1.0f : 1.0f;
        const float along = sign * ((horizontal ? object.cx : object.cy) - 0.5f);
        const float across = (horizontal ? object.cy : object.cx) - 0.5f;
        const ValueRange alongRange = sideAlongRange(object.radius);
        const float acrossLimit = sideAcrossLimit(along, object.radius);
        return {unit(along, alongRange.lo, alongRange.hi), unit(across, -acrossLimit, acrossLimit), kNone, kNone};
    }
    if (scene.objects.size() != 2) return {kNone, kNone, kNone, kNone};
    const ObjectSpec& first = scene.objects[0];
    const ObjectSpec& second = scene.objects[1];
    const auto [dirX, dirY] = relationDirection(scene.relation);
    const float ox = second.cx - first.cx;
    const float oy = second.cy - first.cy;
    const float minDistance = pairMinDistance(first, second);
    const float maxTilt = pairMaxTilt();
    const float tilt = std::atan2(dirX * oy - dirY * ox, dirX * ox + dirY * oy);
    const auto [xRange, yRange] = pairFirstCentreBox(first, second, ox, oy);
    return {unit(first.cx, xRange.lo, xRange.hi), unit(first.cy, yRange.lo, yRange.hi),
            unit(std::hypot(ox, oy), minDistance, minDistance + kPairDistanceSpread), unit(tilt, -maxTilt, maxTilt)};
}

void takeSceneColours(SceneSpec& scene, const SceneSpec& donor)
{
    if (scene.objects.size() == donor.objects.size()) {
        for (std::size_t i = 0; i < scene.objects.size(); ++i) {
            scene.objects[i].color = donor.objects[i].color;
            scene.objects[i].shade = donor.objects[i].shade;
            scene.objects[i].pattern = donor.objects[i].pattern;
        }
    }
    scene.background = donor.background;
    scene.backgroundShade = donor.backgroundShade;
    scene.backgroundStyle = donor.backgroundStyle;
    scene.backgroundAngle = donor.backgroundAngle;
    scene.backgroundPeriod = donor.backgroundPeriod;
    scene.backgroundOffset = donor.backgroundOffset;
}

bool satisfies(const SceneSpec& scene, const CaptionSpec& stated)
{
    if (scene.objects.size() != stated.objects.size()) return false;
    for (std::size_t i = 0; i < scene.objects.size(); ++i) {
        const ObjectSpec& o = scene.objects[i];
        const ObjectStatement& s = stated.objects[i];
        if (s.shape && *s.shape != o.shape) return false;
        if (s.color && *s.color != o.color) return false;
        if (s.pattern && *s.pattern != o.pattern) return false;
        if (s.size) {
            const ValueRange range = radiusRange(*s.size, static_cast<int>(scene.objects.size()));
            if (*s.size != o.size || o.radius < range.lo - 1e-4f || o.radius > range.hi + 1e-4f) return false;
        }
        if (o.color == scene.background) return false;
    }
    if (scene.objects.size() == 2) {
        const ObjectSpec& a = scene.objects[0];
        const ObjectSpec& b = scene.objects[1];
        if (std::hypot(a.cx - b.cx, a.cy - b.cy) < a.radius + b.radius) return false;
        if (stated.relation && relationOf(a, b) != stated.relation) return false;
    } else if (stated.position && positionOf(scene.objects[0]) != stated.position) {
        return false;
    }
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
            std::fill(mask, mask + plane, 0.0f);
            for (const ObjectSpec& object : scenes[static_cast<std::size_t>(i)].objects) {
                const float radiusPx = std::max(object.radius * res, 0.5f) * kOutlineReach;
                const float cxPx = object.cx * res;
                const float cyPx = object.cy * res;
                const int x0 = std::max(0, static_cast<int>(std::floor(cxPx - radiusPx - 1.0f)));
                const int x1 = std::min(resolution - 1, static_cast<int>(std::ceil(cxPx + radiusPx + 1.0f)));
                const int y0 = std::max(0, static_cast<int>(std::floor(cyPx - radiusPx - 1.0f)));
                const int y1 = std::min(resolution - 1, static_cast<int>(std::ceil(cyPx + radiusPx + 1.0f)));
                for (int y = y0; y <= y1; ++y) {
                    for (int x = x0; x <= x1; ++x) {
                        const float distancePx = std::hypot(static_cast<float>(x) + 0.5f - cxPx, static_cast<float>(y) + 0.5f - cyPx) - radiusPx;
                        float& cell = mask[static_cast<std::size_t>(y) * resolution + static_cast<std::size_t>(x)];
                        cell = std::max(cell, std::clamp(0.5f - distancePx, 0.0f, 1.0f));
                    }
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
    std::vector<std::string> words{"a", "an", "shape", "background", "on", "and"};
    auto addPhrase = [&](const char* phrase) {
        for (std::string& w : splitWords(phrase)) words.push_back(std::move(w));
    };
    for (const char* n : kShapeNames) addPhrase(n);
    for (const char* n : kColorNames) addPhrase(n);
    for (const char* n : kSizeNames) addPhrase(n);
    for (const char* n : kPatternNames) addPhrase(n);
    for (const char* n : kBackgroundStyleNames) addPhrase(n);
    for (const char* n : kPositionNames) addPhrase(n);
    for (const char* n : kRelationNames) addPhrase(n);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

const char* toString(Shape shape) { return kShapeNames[static_cast<int>(shape)]; }
const char* toString(Color color) { return kColorNames[static_cast<int>(color)]; }
const char* toString(SizeClass size) { return kSizeNames[static_cast<int>(size)]; }
const char* toString(Pattern pattern) { return kPatternNames[static_cast<int>(pattern)]; }
const char* toString(BackgroundStyle style) { return kBackgroundStyleNames[static_cast<int>(style)]; }
const char* toString(Position position) { return kPositionNames[static_cast<int>(position)]; }
const char* toString(Relation relation) { return kRelationNames[static_cast<int>(relation)]; }

std::optional<Shape> parseShape(std::string_view word) { return lookup<Shape>(kShapeNames, word); }
std::optional<Color> parseColor(std::string_view word) { return lookup<Color>(kColorNames, word); }
std::optional<SizeClass> parseSizeClass(std::string_view word) { return lookup<SizeClass>(kSizeNames, word); }
std::optional<Pattern> parsePattern(std::string_view word) { return lookup<Pattern>(kPatternNames, word); }
std::optional<BackgroundStyle> parseBackgroundStyle(std::string_view word)
{
    return lookup<BackgroundStyle>(kBackgroundStyleNames, word);
}

} // namespace lscore
