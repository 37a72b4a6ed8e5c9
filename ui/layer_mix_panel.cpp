#include "layer_mix_panel.h"

#include <algorithm>

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "qt_bridge.h"
#include "value_slider.h"

namespace lsui {

LayerMixPanel::LayerMixPanel(const QString& sideA, const QString& sideB, QWidget* parent)
    : QWidget(parent), m_sideA(sideA), m_sideB(sideB)
{
    auto* outer = new QVBoxLayout(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->hide();
    outer->addWidget(m_note);

    m_controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);

    auto* presets = new QHBoxLayout;
    auto* crossoverLabel = new QLabel(tr("&Crossover:"), m_controls);
    m_crossover = new QSpinBox(m_controls);
    m_crossover->setRange(1, 1);
    m_crossover->setToolTip(tr("The first w index that the presets treat as fine. "
                               "Layers before it are coarse."));
    crossoverLabel->setBuddy(m_crossover);
    presets->addWidget(crossoverLabel);
    presets->addWidget(m_crossover);
    auto addPreset = [this, presets](const QString& text, const QString& tip) {
        auto* button = new QPushButton(text, m_controls);
        button->setToolTip(tip);
        presets->addWidget(button);
        return button;
    };
    connect(addPreset(tr("Coarse from B"), tr("Layers before the crossover take %1; the rest %2.").arg(m_sideB, m_sideA)),
            &QPushButton::clicked, this, &LayerMixPanel::applyCoarseFromB);
    connect(addPreset(tr("Fine from B"), tr("Layers from the crossover on take %1; the rest %2.").arg(m_sideB, m_sideA)),
            &QPushButton::clicked, this, &LayerMixPanel::applyFineFromB);
    connect(addPreset(tr("None"), tr("Every layer takes %1 (reset).").arg(m_sideA)),
            &QPushButton::clicked, this, &LayerMixPanel::applyNone);
    presets->addStretch(1);
    controlsLayout->addLayout(presets);

    auto* scroll = new QScrollArea(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* groups = new QWidget(scroll);
    m_groupsLayout = new QVBoxLayout(groups);
    m_groupsLayout->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(groups);
    controlsLayout->addWidget(scroll, 1);
    outer->addWidget(m_controls, 1);
}

void LayerMixPanel::setUnavailableReason(const QString& reason)
{
    m_note->setText(reason);
    m_note->setVisible(!reason.isEmpty());
    m_controls->setEnabled(reason.isEmpty());
}

void LayerMixPanel::setLayers(const std::vector<lscore::LayerInfo>& layers)
{
    qDeleteAll(m_groupsLayout->parentWidget()->findChildren<QGroupBox*>(QString(), Qt::FindDirectChildrenOnly));
    while (QLayoutItem* item = m_groupsLayout->takeAt(0))
        delete item;
    m_sliders.clear();
    m_weights.assign(layers.size(), 0.0);

    const int count = static_cast<int>(layers.size());
    m_crossover->setRange(1, std::max(1, count - 1));
    m_crossover->setValue(lscore::defaultLayerMixCrossover(layers));

    const struct { lscore::LayerKind kind; QString title; } kinds[] = {
        {lscore::LayerKind::Coarse, tr("Coarse (pose, layout)")},
        {lscore::LayerKind::Middle, tr("Middle (features)")},
        {lscore::LayerKind::Fine, tr("Fine (colour, texture)")},
    };
    QWidget* groupsParent = m_groupsLayout->parentWidget();
    for (const auto& kind : kinds) {
        QGroupBox* group = nullptr;
        QVBoxLayout* groupLayout = nullptr;
        for (const auto& layer : layers) {
            if (layer.kind != kind.kind)
                continue;
            if (!group) {
                group = new QGroupBox(kind.title, groupsParent);
                groupLayout = new QVBoxLayout(group);
                groupLayout->setSpacing(2);
                m_groupsLayout->addWidget(group);
            }
            auto* slider = new ValueSlider(tr("w%1 · %2 px").arg(layer.index).arg(layer.resolution), 0.0, 1.0, 0.0, 2,
                                           group);
            slider->label()->setMinimumWidth(slider->label()->fontMetrics().horizontalAdvance(QStringLiteral("w00 · 1024 px")));
            slider->setToolTips(tr("Layer %1 (%2): 0 takes %3, 1 takes %4, between blends.")
                                    .arg(layer.index).arg(toQString(layer.name), m_sideA, m_sideB));
            const auto index = static_cast<std::size_t>(m_sliders.size());
            connect(slider, &ValueSlider::gestureStarted, this, &LayerMixPanel::gestureStarted);
            connect(slider, &ValueSlider::valueEdited, this, [this, index](double value) {
                std::vector<double> next = m_weights;
                if (index < next.size())
                    next[index] = value;
                m_weights = next;
                emit weightsEdited(next);
            });
            groupLayout->addWidget(slider);
            m_sliders.append(slider);
        }
    }
    m_groupsLayout->addStretch(1);
}

void LayerMixPanel::setWeights(const std::vector<double>& weights)
{
    for (qsizetype i = 0; i < m_sliders.size(); ++i) {
        const auto index = static_cast<std::size_t>(i);
        m_weights[index] = index < weights.size() ? weights[index] : 0.0;
        m_sliders[i]->setValue(m_weights[index]);
    }
}

void LayerMixPanel::applyCoarseFromB()
{
    std::vector<double> next(m_weights.size(), 0.0);
    for (std::size_t i = 0; i < next.size() && static_cast<int>(i) < m_crossover->value(); ++i)
        next[i] = 1.0;
    userSetWeights(std::move(next));
}

void LayerMixPanel::applyFineFromB()
{
    std::vector<double> next(m_weights.size(), 0.0);
    for (std::size_t i = static_cast<std::size_t>(m_crossover->value()); i < next.size(); ++i)
        next[i] = 1.0;
    userSetWeights(std::move(next));
}

void LayerMixPanel::applyNone() { userSetWeights(std::vector<double>(m_weights.size(), 0.0)); }

void LayerMixPanel::userSetWeights(std::vector<double> weights)
{
    if (weights == m_weights)
        return;
    setWeights(weights);
    emit gestureStarted();
    emit weightsEdited(weights);
}

} // namespace lsui
