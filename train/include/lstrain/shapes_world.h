#pragma once
// Shapes World v2: the procedural captioned world the embedded default model is trained on.
//
// Every image holds exactly one flat object, centred and upright, on a background. The world is
// aligned on purpose (StyleGAN generators learn aligned data — faces, cars — best): what a caption
// leaves open is either a category with few values or a smooth, low-frequency scalar (size within
// its class, shade, a centre offset of at most kCentreJitter, a rotation of at most
// kRotationJitter). Patterns and backgrounds have fixed phases, angles and periods, so no
// high-frequency phase is ever left to z.
//
// Everything is a pure function of (seed, index): no global state, identical pixels on every call.
//
//   lstrain::WorldSample s = lstrain::sampleScene(/*seed=*/7, /*index=*/42);
//   // s.caption == e.g. "a big striped red star on a blue checkered background"
//   std::vector<float> chw(3 * 128 * 128);
//   lstrain::renderScene(s.scene, chw.data(), 128);            // 3×R×R floats in [-1, 1]
//   auto spec = lstrain::parseCaption("a small dotted shape on a white background");
//   lstrain::SceneSpec scene = lstrain::sceneForCaption(*spec, seed, index);
//
// Grammar (every word a caption can contain is in shapesWorldVocabulary()):
//   caption     := object [background]
//   object      := ("a" | "an") [size] [pattern] [color] noun
//   noun        := shape word | "shape"                        ("shape" = shape left unstated)
//   size        := "small" | "medium" | "big"
//   pattern     := "plain" | "striped" | "dotted"
//   background  := "on" ("a" | "an") [color] [bgstyle] "background"   (a colour or a style present)
//   bgstyle     := "plain" | "gradient" | "checkered" | "striped"
// Every attribute a caption omits is still drawn, uniformly over its values: that is what the
// generator's z carries. Stated attributes are true of the image, and the background colour always
// differs from the object's.
//
// Held-out shape × colour pairs (never drawn by the TrainOnly sampler, not even with the colour
// unstated; the evaluator asks for them to measure compositional generalisation):
//   green heart, purple star, orange ring, cyan triangle      (kHeldOutPairs / isHeldOut)
//
// Thread safety: all functions are pure and may be called concurrently.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lstrain {

using lscore::Error;
using lscore::Image;
using lscore::Result;
using lscore::Status;

inline constexpr int kShapesWorldResolution = 128;
inline constexpr int kShapesWorldContext = 16;     // max tokens per caption incl. start and end

enum class Shape { Circle, Square, Triangle, Star, Heart, Ring, Cross, Diamond };
enum class Color { Red, Orange, Yellow, Green, Cyan, Blue, Purple, Pink, White, Black, Gray, Brown };
enum class SizeClass { Small, Medium, Big };
enum class Pattern { Plain, Striped, Dotted };
enum class BackgroundStyle { Plain, Gradient, Checkered, Striped };

inline constexpr int kShapeCount = 8;
inline constexpr int kColorCount = 12;
inline constexpr int kSizeClassCount = 3;
inline constexpr int kPatternCount = 3;
inline constexpr int kBackgroundStyleCount = 4;
// Each background style but plain comes in this many fixed variants (gradient: two directions;
// checkered: two cell sizes; striped: two angles). Plain has one.
inline constexpr int kBackgroundVariantCount = 2;

struct ShapeColorPair {
    Shape shape;
    Color color;
};
inline constexpr std::array<ShapeColorPair, 4> kHeldOutPairs{{
    {Shape::Heart, Color::Green},
    {Shape::Star, Color::Purple},
    {Shape::Ring, Color::Orange},
    {Shape::Triangle, Color::Cyan},
}};

// The ranges the sampler draws from (the trainer's scene code maps a value's place in its range to
// N(0, 1), so both sides must agree).
struct ValueRange {
    float lo;
    float hi;
};
// Bounding-circle radius in units of the image side; the classes are separated by gaps.
ValueRange radiusRange(SizeClass size);
inline constexpr float kCentreJitter = 0.02f;             // |cx − 0.5|, |cy − 0.5| ≤ this (side units)
inline constexpr float kRotationJitter = 0.12f;           // |rotation| ≤ this (radians), asymmetric shapes only
inline constexpr ValueRange kObjectShadeRange{0.88f, 1.08f};
inline constexpr ValueRange kBackgroundShadeRange{0.9f, 1.08f};

// True for shapes whose look does not change when turned by a small angle (circle, ring): they are
// drawn unturned, and the rotation is no attribute of theirs.
bool isRotationFree(Shape shape);

// Base sRGB of each palette colour (0–255); objects and backgrounds jitter around it by their shade.
std::array<std::uint8_t, 3> paletteRgb(Color color);

struct ObjectSpec {
    Shape shape = Shape::Circle;
    Color color = Color::Red;
    SizeClass size = SizeClass::Medium;
    Pattern pattern = Pattern::Plain;
    float cx = 0.5f;          // centre, in units of the image side
    float cy = 0.5f;
    float radius = 0.28f;     // bounding-circle radius, in units of the image side
    float rotation = 0.0f;    // radians, within ±kRotationJitter (0 for rotation-free shapes)
    float shade = 1.0f;       // brightness of the palette colour, within kObjectShadeRange
};

struct SceneSpec {
    ObjectSpec object;
    Color background = Color::Gray;
    BackgroundStyle backgroundStyle = BackgroundStyle::Plain;
    int backgroundVariant = 0;                 // 0 or 1 (always 0 for plain)
    float backgroundShade = 1.0f;
};

// What a caption states; unset = left to z.
struct CaptionSpec {
    std::optional<Shape> shape;
    std::optional<Color> color;
    std::optional<SizeClass> size;
    std::optional<Pattern> pattern;
    std::optional<Color> background;
    std::optional<BackgroundStyle> backgroundStyle;
};

struct WorldSample {
    SceneSpec scene;
    CaptionSpec stated;
    std::string caption;
};

enum class SplitFilter {
    TrainOnly,    // the object is no held-out shape×colour pair
    HeldOutOnly,  // the object is a held-out pair, and the caption states its shape and colour
    Any,
};

// The training / evaluation sampler: a scene, what its caption states, and the caption.
WorldSample sampleScene(std::uint64_t seed, std::uint64_t index, SplitFilter filter = SplitFilter::TrainOnly);

bool isHeldOut(Shape shape, Color color);
bool isHeldOut(const SceneSpec& scene);

// The caption for a statement (deterministic; articles agree: "an orange ring").
std::string captionFor(const CaptionSpec& stated);

// Parses a caption of the grammar. Errors name the offending word and what was expected.
Result<CaptionSpec> parseCaption(std::string_view caption);

// A scene satisfying every stated attribute; everything unstated is drawn from (seed, index).
// Unstated shape×colour choices avoid held-out pairs unless the caption itself names one.
SceneSpec sceneForCaption(const CaptionSpec& stated, std::uint64_t seed, std::uint64_t index);
Result<SceneSpec> sceneForCaption(std::string_view caption, std::uint64_t seed, std::uint64_t index);

// True if the scene makes every statement true.
bool satisfies(const SceneSpec& scene, const CaptionSpec& stated);

// What style and prompt mixing should give: `scene`'s object geometry (shape, size, radius,
// centre, rotation) in `donor`'s colours — the object's colour, shade and pattern and the whole
// background. The split follows the generator's: coarse layers draw geometry, fine layers colour
// and texture.
void takeSceneColours(SceneSpec& scene, const SceneSpec& donor);

// A point inside the object painted in its main colour (not a stripe, dot or hole), in units of the
// image side. Tests and the evaluator sample colours there.
std::array<float, 2> mainColorPoint(const ObjectSpec& object);

// Renders 3×R×R floats in [-1, 1] (CHW, RGB). Any resolution ≥ 8; geometry scales with it.
void renderScene(const SceneSpec& scene, float* chw, int resolution);
// Renders N scenes into N×3×R×R floats, in parallel over scenes (libtorch's intra-op threads).
void renderScenes(std::span<const SceneSpec> scenes, float* nchw, int resolution);
// N×1×R×R floats: the anti-aliased coverage (0–1) of each object's bounding disc (the radius every
// outline stays within). The trainer weighs errors over this region rather than over the object's
// own pixels, so a disc drawn where the scene has a star costs as much as the reverse.
void renderObjectRegions(std::span<const SceneSpec> scenes, float* n1hw, int resolution);
// 8-bit RGB (previews, the evaluator's real-image reference).
Image renderSceneImage(const SceneSpec& scene, int resolution);

// Every word any caption can contain, sorted and unique.
std::vector<std::string> shapesWorldVocabulary();

const char* toString(Shape shape);
const char* toString(Color color);
const char* toString(SizeClass size);
const char* toString(Pattern pattern);
const char* toString(BackgroundStyle style);

std::optional<Shape> parseShape(std::string_view word);
std::optional<Color> parseColor(std::string_view word);
std::optional<SizeClass> parseSizeClass(std::string_view word);
std::optional<Pattern> parsePattern(std::string_view word);
std::optional<BackgroundStyle> parseBackgroundStyle(std::string_view word);

} // namespace lstrain
