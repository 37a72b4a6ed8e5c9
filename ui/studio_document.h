#pragma once
// StudioDocument: the one editable value of a studio window (EditState + comparison panes) and its
// QUndoStack. Widgets never change state directly: they call edit(), which pushes an undo command;
// undo/redo and every edit end in changed(), after which the window re-syncs widgets and re-renders.
//
//   document.edit(tr("Prompt interpolation"), [&](lscore::EditState& s) { s.promptT = t; },
//                 EditKind::PromptT, gesture);
//
// A slider drag is ONE undo step: edits of the same kind within one gesture (a serial the caller takes
// from beginGesture() when the slider is pressed) merge into a single command.

#include <functional>
#include <vector>

#include <QObject>
#include <QString>
#include <QUndoStack>

#include "lscore/edit_state.h"
#include "lscore/keyframe_path.h"
#include "lscore/model_description.h"
#include "lscore/session.h"

namespace lsui {

struct StudioState {
    lscore::EditState edit;
    std::vector<lscore::ComparisonPane> panes;
    int comparisonColumns = 2;
    lscore::KeyframePath keyframes;   // the animation path; undoable like every other edit
    bool operator==(const StudioState&) const = default;
};

// What an edit touched; edits of one kind in one gesture merge into one undo step.
enum class EditKind {
    Other = 0,
    PromptA, PromptB, PromptT, PromptMode, ClassA, ClassB,
    SeedA, SeedB, LatentT, LatentMode, Pad,
    TruncationPsi, TruncationCutoff, NoiseMode, NoiseSeed, Translate, Rotate,
    StyleMix, PromptMix,
    DirectionAmount, DirectionLayers,
    LiveControl,   // OSC: a performance's stream of values merges into one step
    Panes,
    Keyframes,
};

// The state a comparison pane renders: the main state with the pane's prompt on both sides (so prompt
// interpolation and prompt mixing cannot pull it elsewhere) and, if set, its own seed A; everything
// else is shared. For class-conditional models the prompt names a class (its name, or its number);
// an empty or unmatched prompt keeps the main state's prompt/class.
lscore::EditState paneState(const lscore::EditState& main, const lscore::ComparisonPane& pane,
                            const lscore::ModelDescription* model);

// The "walk A → B" comparison preset (the BigGAN demo's grid): rows of seeds A, A+1, …, each row
// walking from prompt or class A to B across its columns with the latent fixed. Columns: the grid's
// own when it has 3 to 8, else 4; rows: as many as fit in 16 panes, at most 4.
int walkGridColumns(int columns);
std::vector<lscore::ComparisonPane> walkGridPanes(const lscore::EditState& main, int columns);

// The class index a pane prompt names ("cat", "3"), or -1.
int classFromPrompt(const QString& prompt, const lscore::Conditioning& conditioning);

class StudioDocument : public QObject {
    Q_OBJECT
public:
    explicit StudioDocument(QObject* parent = nullptr);

    const StudioState& state() const { return m_state; }
    QUndoStack* undoStack() { return &m_undo; }

    // A fresh gesture serial: edits that pass the same serial merge into one undo step.
    quint64 beginGesture() { return ++m_gestureSerial; }

    // Applies `change` to a copy of the state and pushes it as an undo command named `text`. Returns
    // false (and pushes nothing) when the change leaves the state as it was. gesture 0 never merges.
    bool edit(const QString& text, const std::function<void(StudioState&)>& change,
              EditKind kind = EditKind::Other, quint64 gesture = 0);
    bool editState(const QString& text, const std::function<void(lscore::EditState&)>& change,
                   EditKind kind = EditKind::Other, quint64 gesture = 0);

    // Replaces the whole state (open session, restore from PNG) as one undoable step.
    void replace(const QString& text, const StudioState& state);

    // Without undo: used when a model's layer count changes the size of the mix vectors.
    void setWithoutUndo(const StudioState& state);

signals:
    void changed();

private:
    friend class StateCommand;
    void apply(const StudioState& state);

    StudioState m_state;
    QUndoStack m_undo;
    quint64 m_gestureSerial = 0;
};

} // namespace lsui
