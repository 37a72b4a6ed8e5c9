#pragma once
// ComparisonPanel: a grid of 2–16 panes, each with its own prompt (a class name for class-conditional
// models), optionally its own seed and its own place on the A → B axis; everything else follows the
// main state. The window renders
// all panes in one batch and hands the images back with setImages(). Any pane can be promoted to the
// main canvas; the whole grid can be saved as one image.

#include <vector>

#include <QImage>
#include <QList>
#include <QStringList>
#include <QWidget>

#include "lscore/session.h"

class QCheckBox;
class QDoubleSpinBox;
class QGridLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStringListModel;

namespace lsui {

class PaneTile;

class ComparisonPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinPanes = 2;
    static constexpr int kMaxPanes = 16;

    explicit ComparisonPanel(QWidget* parent = nullptr);

    // programmatic: emits nothing. promptHint: placeholder text saying what a pane prompt means here.
    void setPanes(const std::vector<lscore::ComparisonPane>& panes, int columns);
    void setPromptHint(const QString& hint, bool promptsEnabled);
    void setCompletionWords(const QStringList& words);
    // The walk A → B preset needs an A and a B: off for models without prompts or classes.
    void setWalkAvailable(bool available);
    void setImages(const QList<QImage>& images);    // image i belongs to pane i
    QList<QImage> images() const;

    // All pane images in a columns × rows grid with small gaps; null while any pane has no image.
    // With `labels` (one per pane), each cell gets its label on a band under the image.
    QImage gridImage(const QStringList& labels = {}) const;

signals:
    void gestureStarted();
    void panesEdited(const std::vector<lscore::ComparisonPane>& panes, int columns);
    void promoteRequested(int pane);
    void saveGridRequested();
    // The "walk A → B" preset: the window fills the grid (rows of seeds, columns along A → B).
    void walkGridRequested();

private:
    void rebuildTiles(int count);
    void relayout();
    std::vector<lscore::ComparisonPane> currentPanes() const;
    void emitEdited();

    QSpinBox* m_count = nullptr;
    QSpinBox* m_columns = nullptr;
    QPushButton* m_walk = nullptr;
    QGridLayout* m_grid = nullptr;
    QList<PaneTile*> m_tiles;
    QStringListModel* m_words = nullptr;
    QString m_promptHint;
    bool m_promptsEnabled = true;
    bool m_updating = false;
};

} // namespace lsui
