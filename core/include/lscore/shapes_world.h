#pragma once
// Shapes World: the procedural captioned image world the embedded default model is trained on.
//
// A scene holds one or two flat objects on a background. Everything is a pure function of
// (seed, index): no global state, no hidden random generator, identical pixels on every call.
//
//   lscore::WorldSample s = lscore::sampleScene(/*seed=*/7, /*index=*/42, lscore::SplitFilter::TrainOnly);
//   // s.caption == e.g. "a big striped blue ring above a small yellow square on a gray checkered background"
//   std::vector<float> chw(3 * 128 * 128);
//   lscore::renderScene(s.scene, chw.data(), 128);        // 3×R×R floats in [-1, 1], generator range
//
//   // Many scenes at once (the trainer renders every batch on the fly), parallel over scenes:
//   lscore::renderScenes(scenes, batch.data_ptr<float>(), 128);   // N×3×R×R
//
//   // Caption → constraints → a scene that satisfies them (the evaluator's "expected attributes"):
//   auto spec = lscore::parseCaption("a red star on the left");
//   lscore::SceneSpec scene = lscore::sceneForCaption(*spec, seed, index);
//
// Grammar (every word any caption can contain is in shapesWorldVocabulary()):
//   caption     := object [position] [background]                       (one object)
//                | object relation object [background]                   (two objects)
//   object      := ("a" | "an") [size] [pattern] [color] noun
//   noun        := shape word | "shape"                                  ("shape" = shape left unstated)
//   size        := "small" | "big"
//   pattern     := "plain" | "striped" | "dotted"
//   relation    := "to the left of" | "to the right of" | "above" | "below" | "and"   ("and" = unstated)
//   position    := "on the left" | "on the right" | "at the top" | "at the bottom" | "in the center"
//   background  := "on" ("a" | "an") [color] [bgstyle] "background"     (color or style present)
//   bgstyle     := "plain" | "gradient" | "checkered" | "striped"
// Every attribute the caption omits is still drawn (uniformly or by a fixed prior) — that is what the
// generator's z must carry. Stated attributes are TRUE of the image: sizes, positions and relations
// are separated by margins, two objects never overlap (their bounding circles are disjoint), and the
// background colour always differs from every object colour.
//
// Held-out combinations (never rendered by the TrainOnly sampler, not even with the colour unstated;
// the evaluator asks for them to measure compositional generalisation):
//   green heart, purple star, orange ring, cyan triangle      (see kHeldOutPairs / isHeldOut)
//
// Object order: SceneSpec::objects follows the caption ("object 1" is the caption's first object).
// Relation r of a two-object scene reads "objects[0] r objects[1]".
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

namespace lscore {

inline constexpr int kShapesWorldResolution = 128;
inline constexpr int kShapesWorldContext = 24;     // max tokens per caption incl. start and end

enum class Shape { Circle, Square, Triangle, Star, Heart, Ring, Cross, Diamond };
enum class Color { Red, Orange, Yellow, Green, Cyan, Blue, Purple, Pink, White, Black, Gray, Brown };
enum class SizeClass { Small, Big };
enum class Pattern { Plain, Striped, Dotted };
enum class BackgroundStyle { Plain, Gradient, Checkered, Striped };
enum class Position { Center, Left, Right, Top, Bottom };
enum class Relation { LeftOf, RightOf, Above, Below };

inline constexpr int kShapeCount = 8;
inline constexpr int kColorCount = 12;
inline constexpr int kSizeClassCount = 2;
inline constexpr int kPatternCount = 3;
inline constexpr int kBackgroundStyleCount = 4;
inline constexpr int kPositionCount = 5;
inline constexpr int kRelationCount = 4;

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

// The ranges the sampler draws unstated continuous attributes from (the trainer's scene codes map a
// value's place in its range to N(0, 1), so both sides must agree).
struct ValueRange {
    float lo;
    float hi;
};
ValueRange radiusRange(SizeClass size, int objectCount);              // bounding-circle radius
inline constexpr ValueRange kHeartRotationRange{-0.45f, 0.45f};       // other shapes turn freely in [0, 2π)
inline constexpr ValueRange kObjectShadeRange{0.88f, 1.08f};
inline constexpr ValueRange kBackgroundShadeRange{0.9f, 1.08f};
inline constexpr ValueRange kCheckerPeriodRange{9.0f, 18.0f};         // pixels at 128 px
inline constexpr ValueRange kStripePeriodRange{10.0f, 22.0f};
// Striped backgrounds run at one of four angles k · 45° (k = 0..3), give or take this many radians.
inline constexpr float kStripeAngleJitter = 0.12f;
// Base sRGB of each palette colour (0–255); objects and backgrounds jitter around it by ObjectSpec::shade.
std::array<std::uint8_t, 3> paletteRgb(Color color);

struct ObjectSpec {
    Shape shape = Shape::Circle;
    Color color = Color::Red;
    SizeClass size = SizeClass::Big;
    Pattern pattern = Pattern::Plain;
    float cx = 0.5f;          // centre, in units of the image side (0 = left/top, 1 = right/bottom)
    float cy = 0.5f;
    float radius = 0.2f;      // bounding-circle radius, in units of the image side
    float rotation = 0.0f;    // radians
    float shade = 1.0f;       // brightness jitter of the palette colour (about 0.88–1.08)
    float patternPhase = 0.0f;   // stripe angle offset / dot grid offset, radians or cells
};

struct SceneSpec {
    std::vector<ObjectSpec> objects;          // 1 or 2, in caption order
    Position position = Position::Center;     // meaningful with one object
    Relation relation = Relation::LeftOf;     // meaningful with two objects: objects[0] relation objects[1]
    Color background = Color::Gray;
    BackgroundStyle backgroundStyle = BackgroundStyle::Plain;
    float backgroundShade = 1.0f;
    float backgroundAngle = 0.0f;             // gradient / stripe direction, radians
    float backgroundPeriod = 16.0f;           // checker cell / stripe period, in pixels at 128 px
    float backgroundOffset = 0.0f;            // checker / stripe phase, in units of the period
};

// What a caption states about one object; unset = left to z.
struct ObjectStatement {
    std::optional<Shape> shape;
    std::optional<Color> color;
    std::optional<SizeClass> size;
    std::optional<Pattern> pattern;
};

// What a caption states about a scene. The object count is always stated (one or two noun phrases).
struct CaptionSpec {
    std::vector<ObjectStatement> objects;           // 1 or 2
    std::optional<Position> position;               // one object only
    std::optional<Relation> relation;               // two objects only; unset = "and"
    std::optional<Color> background;
    std::optional<BackgroundStyle> backgroundStyle;
};

struct WorldSample {
    SceneSpec scene;
    CaptionSpec stated;
    std::string caption;
};

enum class SplitFilter {
    TrainOnly,    // no object anywhere in the scene is a held-out shape×colour pair
    HeldOutOnly,  // at least one object is a held-out pair, and the caption states its shape and colour
    Any,
};

// The training / evaluation sampler: a scene, what its caption states, and the caption.
WorldSample sampleScene(std::uint64_t seed, std::uint64_t index, SplitFilter filter = SplitFilter::TrainOnly);

// True if any object of the scene is a held-out shape×colour pair.
bool isHeldOut(const SceneSpec& scene);
bool isHeldOut(Shape shape, Color color);

// The caption text for a statement (deterministic; articles agree: "an orange ring").
std::string captionFor(const CaptionSpec& stated);

// Parses a caption of the grammar. Errors name the offending word and what was expected.
Result<CaptionSpec> parseCaption(std::string_view caption);

// A scene satisfying every stated attribute; everything unstated is drawn from (seed, index).
// Unstated shape×colour choices avoid held-out pairs unless the caption itself names one.
SceneSpec sceneForCaption(const CaptionSpec& stated, std::uint64_t seed, std::uint64_t index);
Result<SceneSpec> sceneForCaption(std::string_view caption, std::uint64_t seed, std::uint64_t index);

// True if the scene makes every statement true (shapes, colours, sizes, patterns, position,
// relation, background). Geometry is checked with the same margins the sampler uses.
bool satisfies(const SceneSpec& scene, const CaptionSpec& stated);
// What style and prompt mixing should give: `scene`'s shapes and layout in `donor`'s colours — each
// object's colour, shade and pattern (when both have as many objects) and the whole background.
void takeSceneColours(SceneSpec& scene, const SceneSpec& donor);
// The uniform draws in [0, 1] that placed a scene's objects, read back from the finished scene: one
// object — its offsets from the centre (centre: x, y) or from the middle of its side (along the
// side's axis, then across it); two objects — the first centre within the box that keeps both inside,
// then the distance and the tilt of the second from it. NaN where a scene has no such draw. Given the
// position or relation and the radii they are uniform and independent over sampleScene()'s scenes,
// unlike the centres themselves (the position rules bunch those), which is what the trainer's scene
// code needs.
std::array<float, 4> placementDraws(const SceneSpec& scene);

// The position / relation that a scene's geometry shows (nullopt where it is ambiguous), from the
// object centres. Used by satisfies() and the tests.
std::optional<Position> positionOf(const ObjectSpec& object);
std::optional<Relation> relationOf(const ObjectSpec& first, const ObjectSpec& second);

// A point inside the object that is painted in its main colour (not a stripe, dot or hole), in
// units of the image side. Tests and the evaluator sample colours there.
std::array<float, 2> mainColorPoint(const ObjectSpec& object);

// Renders 3×R×R floats in [-1, 1] (CHW, RGB). Any resolution ≥ 8; geometry scales with it.
void renderScene(const SceneSpec& scene, float* chw, int resolution);
// Renders N scenes into N×3×R×R floats, in parallel over scenes (libtorch's intra-op threads).
void renderScenes(std::span<const SceneSpec> scenes, float* nchw, int resolution);
// Where each scene's objects may lie whatever their shape, rotation and pattern: N×1×R×R floats, the
// anti-aliased coverage (0–1) of the union of the objects' bounding discs (the radius every shape's
// outline stays within). The trainer's object term weighs errors over this region rather than over
// the object's own pixels, so a disc drawn where the scene has a star — or a ring's hole filled in —
// costs as much as the reverse.
void renderObjectRegions(std::span<const SceneSpec> scenes, float* n1hw, int resolution);
// Renders 8-bit RGB (for export, previews and the evaluator's real-image reference).
Image renderSceneImage(const SceneSpec& scene, int resolution);

// Every word any caption can contain, sorted and unique.
std::vector<std::string> shapesWorldVocabulary();

const char* toString(Shape shape);
const char* toString(Color color);
const char* toString(SizeClass size);
const char* toString(Pattern pattern);
const char* toString(BackgroundStyle style);
const char* toString(Position position);
const char* toString(Relation relation);   // "to the left of", "above", ...

std::optional<Shape> parseShape(std::string_view word);
std::optional<Color> parseColor(std::string_view word);
std::optional<SizeClass> parseSizeClass(std::string_view word);
std::optional<Pattern> parsePattern(std::string_view word);
std::optional<BackgroundStyle> parseBackgroundStyle(std::string_view word);

} // namespace lscore
