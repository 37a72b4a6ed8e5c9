#pragma once
// LayerMixPanel: one continuous weight per w index (0 = side A, 1 = side B), grouped Coarse / Middle /
// Fine with each layer's resolution, plus a crossover and presets. Used twice: style mixing (seed A/B)
// and prompt mixing (prompt A/B).
//
//   panel->setLayers(description.layers);
//   panel->setWeights(state.styleMix);
//   connect(panel, &LayerMixPanel::weightsEdited, ...);   // full vector, one entry per layer

#include <vector>

#include <QList>
#include <QString>
#include <QWidget>

#include "lscore/model_description.h"

class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace lsui {

class ValueSlider;

class LayerMixPanel : public QWidget {
    Q_OBJECT
public:
    // sideA / sideB name what 0 and 1 take from, e.g. "seed A" / "seed B".
    LayerMixPanel(const QString& sideA, const QString& sideB, QWidget* parent = nullptr);

    void setLayers(const std::vector<lscore::LayerInfo>& layers);
    void setWeights(const std::vector<double>& weights);   // programmatic: emits nothing
    std::vector<double> weights() const { return m_weights; }
    void setUnavailableReason(const QString& reason);      // non-empty: controls disabled with this note

    // Presets (also reachable through the buttons); emit weightsEdited.
    void applyCoarseFromB();
    void applyFineFromB();
    void applyNone();

signals:
    void gestureStarted();
    void weightsEdited(const std::vector<double>& weights);

private:
    void userSetWeights(std::vector<double> weights);

    QString m_sideA;
    QString m_sideB;
    QLabel* m_note = nullptr;
    QSpinBox* m_crossover = nullptr;
    QWidget* m_controls = nullptr;
    QVBoxLayout* m_groupsLayout = nullptr;
    QList<ValueSlider*> m_sliders;
    std::vector<double> m_weights;
};

} // namespace lsui
