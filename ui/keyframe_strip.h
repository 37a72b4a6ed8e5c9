#pragma once
// KeyframeStrip: the keyframe timeline under the canvas. Self-contained: it holds an
// lscore::KeyframePath, shows one thumbnail per keyframe and lets the user add, remove, reorder
// (drag), retime (frames to next, easing), choose loop/ping-pong and scrub a preview; the owner's
// Play action gets a button here.
//
//   auto* strip = new KeyframeStrip(this);
//   connect(strip, &KeyframeStrip::addCurrentRequested, this, [=] { strip->addKeyframe(doc.state(), canvas.image()); });
//   connect(strip, &KeyframeStrip::previewRequested, renderService, &RenderService::request);
//   connect(strip, &KeyframeStrip::pathChanged, doc, &Document::setKeyframes);
//
// It never renders: thumbnails come in with addKeyframe()/setThumbnail(); previews go out as EditStates.

#include <vector>

#include <QImage>
#include <QWidget>

#include "lscore/keyframe_path.h"

class QAction;
class QComboBox;
class QHBoxLayout;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QLabel;

namespace lsui {

class KeyframeStrip : public QWidget {
    Q_OBJECT
public:
    explicit KeyframeStrip(QWidget* parent = nullptr);

    const lscore::KeyframePath& path() const { return m_path; }
    void setPath(const lscore::KeyframePath& path);               // thumbnails reset to blank
    void addKeyframe(const lscore::EditState& state, const QImage& thumbnail);
    void setThumbnail(int keyframe, const QImage& thumbnail);
    int selectedKeyframe() const;
    // Moves keyframe `from` to position `to` (the others close up); the selection follows it. The
    // ◀ / ▶ buttons and a drag in the list do this.
    void moveKeyframe(int from, int to);
    QImage thumbnail(int keyframe) const;                         // null while not rendered yet
    // A button for the owner's Play action at the head of the controls (the strip does not play).
    void setPlayAction(QAction* play);
    // Moves the scrub slider to the frame being played, without asking for a preview.
    void showPlaybackFrame(int frame);

signals:
    void addCurrentRequested();                                  // "+": the owner calls addKeyframe()
    void pathChanged(const lscore::KeyframePath& path);
    void previewRequested(const lscore::EditState& state);       // scrubbing or selecting a keyframe
    void keyframeActivated(const lscore::EditState& state);      // double-click: load into the editor

private:
    void rebuildList();
    void syncControls();
    void emitChanged();
    void reorderFromList();

    lscore::KeyframePath m_path;
    std::vector<QImage> m_thumbnails;
    QListWidget* m_list = nullptr;
    QSpinBox* m_frames = nullptr;
    QComboBox* m_easing = nullptr;
    QComboBox* m_repeat = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_earlier = nullptr;
    QPushButton* m_later = nullptr;
    QSlider* m_scrub = nullptr;
    QLabel* m_position = nullptr;
    QHBoxLayout* m_controls = nullptr;
    bool m_updating = false;
    bool m_reorderQueued = false;
};

} // namespace lsui
