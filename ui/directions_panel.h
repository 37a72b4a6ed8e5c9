#pragma once
// DirectionsPanel: moves through W along meaningful directions (lscore/directions.h), as GANSpace,
// SeFa and stylegan-web offer them. It finds directions (SeFa in closed form, GANSpace by PCA of N
// mapped w with progress and Cancel, cached per model and settings), makes one from two states
// (seed A → seed B, prompt A → prompt B: "vector arithmetic"), opens and saves directions files
// (hash-checked), and lists the state's directions, each with an amount slider in σ, its layer range
// (all / coarse / middle / fine presets or free) and a "show me" strip of −3σ … +3σ thumbnails
// rendered in one batch. Every change is an undoable edit of the StudioDocument (a drag is one
// step); the engine work runs on the render thread (RenderService::runOnEngine).
//
//   auto* directions = new DirectionsPanel(document, service, dock);
//   directions->setModel(&info);                   // when a model opens
//   directions->showState(document->state().edit); // when the state changes

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include <QHash>
#include <QPointer>
#include <QWidget>

#include "lscore/directions.h"
#include "lscore/edit_state.h"
#include "render_service.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class QVBoxLayout;

namespace lsui {

class StudioDocument;
class ValueSlider;

class DirectionsPanel : public QWidget {
    Q_OBJECT
public:
    DirectionsPanel(StudioDocument* document, RenderService* service, QWidget* parent = nullptr);
    ~DirectionsPanel() override;

    void setModel(const ModelInfo* model);
    void showState(const lscore::EditState& state);

    // For tests and the OSC document: the search the Find button starts now.
    lscore::DirectionSearch currentSearch() const;
    void find();                      // the Find button
    void cancelFind();
    bool isFinding() const { return m_cancel != nullptr; }
    void addFromSeeds(const QString& name);     // the direction seed A → seed B
    void addFromPrompts(const QString& name);   // prompt A → prompt B
    void showStripFor(int index);               // "show me": −3σ … +3σ of direction `index`
    ValueSlider* amountSlider(int index) const;
    QComboBox* layerPresetBox(int index) const;
    int stripImageCount() const;

signals:
    // A message for the status bar (a failure, or what a search found).
    void notice(const QString& text, bool problem);
    void stripShown(int direction);

private:
    struct Row {
        QWidget* widget = nullptr;
        ValueSlider* amount = nullptr;
        QComboBox* preset = nullptr;
        QSpinBox* first = nullptr;
        QSpinBox* end = nullptr;
    };
    void rebuildRows(const lscore::EditState& state);
    void finishSearch(const lscore::DirectionSearch& search, lscore::Result<lscore::DirectionSet> result, const QString& cacheFile);
    void addFoundDirections(const lscore::DirectionSet& set, const QString& editName);
    void addDifference(const lscore::EditState& from, const lscore::EditState& to, const QString& name);
    void setLayerRange(int index, int first, int end);
    void openFile();
    void saveFile();
    QString cacheFileFor(const lscore::DirectionSearch& search) const;
    std::pair<int, int> presetRange(int preset) const;   // 0 all, 1 coarse, 2 middle, 3 fine
    int presetOf(int first, int end) const;              // 4 = custom

    StudioDocument* m_document;
    QPointer<RenderService> m_service;
    std::optional<ModelInfo> m_model;
    quint64 m_gesture = 0;

    QComboBox* m_method = nullptr;
    QComboBox* m_searchLayers = nullptr;
    QSpinBox* m_count = nullptr;
    QSpinBox* m_samples = nullptr;
    QPushButton* m_find = nullptr;
    QPushButton* m_cancelFind = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_fromSeeds = nullptr;
    QPushButton* m_fromPrompts = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_empty = nullptr;
    QVBoxLayout* m_rowsLayout = nullptr;
    std::vector<Row> m_rows;
    std::vector<lscore::DirectionEdit> m_shownDirections;   // what the rows were built for (amounts aside)
    QWidget* m_strip = nullptr;
    QLabel* m_stripTitle = nullptr;
    std::vector<QLabel*> m_stripImages;
    int m_stripDirection = -1;
    // The newest strip asked for: a strip task that finds a newer one waiting skips its render.
    std::shared_ptr<std::atomic<quint64>> m_stripSerial = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic_bool> m_cancel;   // the search in flight, if any
    std::shared_ptr<std::atomic_int> m_percent;   // its progress, written by the render thread
    QTimer* m_progressTimer = nullptr;            // shows m_percent while a search runs
    QHash<QString, lscore::DirectionSet> m_found;   // GANSpace results of this run, by cache file
};

} // namespace lsui
