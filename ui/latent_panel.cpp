#include "latent_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QLabel>
#include <QFormLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "seed_box.h"
#include "studio_document.h"
#include "value_slider.h"

namespace lsui {

LatentPanel::LatentPanel(StudioDocument* document, QWidget* parent) : QWidget(parent), m_document(document)
{
    auto* layout = new QVBoxLayout(this);
    m_seedA = new SeedBox(tr("Seed &A:"), 0, this);
    m_seedA->setObjectName(QStringLiteral("seedA"));
    m_seedA->setToolTips(tr("Seed A picks the latent z (0 … 4294967295). Alt+←/→ steps, Ctrl+R randomises."));
    m_seedB = new SeedBox(tr("Seed &B:"), 1, this);
    m_seedB->setObjectName(QStringLiteral("seedB"));
    m_seedB->setToolTips(tr("Seed B: the other end of latent interpolation and the source of style mixing."));
    layout->addWidget(m_seedA);
    layout->addWidget(m_seedB);

    m_latentT = new ValueSlider(tr("Seed A→B:"), 0.0, 1.0, 0.0, 3, this);
    m_latentT->setObjectName(QStringLiteral("latentT"));
    m_latentT->slider()->setObjectName(QStringLiteral("latentTSlider"));
    m_latentT->setToolTips(tr("Latent interpolation between the z of seed A (0) and seed B (1)."));
    layout->addWidget(m_latentT);
    m_latentMode = new QComboBox(this);
    m_latentMode->addItem(tr("Spherical (slerp)"));
    m_latentMode->addItem(tr("Linear (lerp)"));
    m_latentMode->setToolTip(tr("Spherical interpolation keeps z on the shell where Gaussian samples live."));
    auto* form = new QFormLayout;
    form->addRow(tr("Latent blend:"), m_latentMode);

    m_psi = new ValueSlider(tr("Truncation ψ:"), -1.0, 2.0, 1.0, 2, this);
    m_psi->setObjectName(QStringLiteral("truncationPsi"));
    layout->addWidget(m_psi);
    m_cutoff = new QSpinBox(this);
    m_cutoff->setObjectName(QStringLiteral("truncationCutoff"));
    m_cutoff->setRange(-1, 32);
    m_cutoff->setSpecialValueText(tr("all layers"));
    m_cutoff->setToolTip(tr("Truncate only the first N w indices (coarse layers); “all layers” truncates every one."));
    auto* cutoffLabel = new QLabel(tr("Truncation &cutoff:"), this);
    cutoffLabel->setBuddy(m_cutoff);
    m_cutoffLabel = cutoffLabel;
    form->addRow(cutoffLabel, m_cutoff);
    layout->addLayout(form);
    // Noise: StyleGAN2's per-pixel inputs (StyleGAN3 has none).
    m_noiseRows = new QWidget(this);
    auto* noiseForm = new QFormLayout(m_noiseRows);
    noiseForm->setContentsMargins(0, 0, 0, 0);
    m_noiseMode = new QComboBox(this);
    m_noiseMode->addItem(tr("Constant"));
    m_noiseMode->addItem(tr("Random (noise seed)"));
    m_noiseMode->addItem(tr("None"));
    m_noiseMode->setToolTip(tr("Per-pixel noise inputs: the model's stored constant noise, noise from the noise seed, or none."));
    noiseForm->addRow(tr("&Noise:"), m_noiseMode);
    m_noiseSeed = new SeedBox(QString(), 0, this);
    m_noiseSeed->setToolTips(tr("Seed of the random noise (used when noise is Random)."));
    noiseForm->addRow(tr("Noise seed:"), m_noiseSeed);
    layout->addWidget(m_noiseRows);

    // StyleGAN3's input transform, as NVIDIA's visualizer offers it: the alias-free synthesis moves
    // and turns the picture itself rather than warping its pixels.
    m_transform = new QGroupBox(tr("Move and turn"), this);
    m_transform->setObjectName(QStringLiteral("inputTransform"));
    auto* transformLayout = new QVBoxLayout(m_transform);
    m_moveX = new ValueSlider(tr("Move &X:"), -1.0, 1.0, 0.0, 3, m_transform);
    m_moveX->setObjectName(QStringLiteral("moveX"));
    m_moveX->setToolTips(tr("Moves the picture right (positive) or left, in frame widths."));
    m_moveY = new ValueSlider(tr("Move &Y:"), -1.0, 1.0, 0.0, 3, m_transform);
    m_moveY->setObjectName(QStringLiteral("moveY"));
    m_moveY->setToolTips(tr("Moves the picture down (positive) or up, in frame heights."));
    m_rotate = new ValueSlider(tr("&Turn:"), -180.0, 180.0, 0.0, 1, m_transform);
    m_rotate->setObjectName(QStringLiteral("rotate"));
    m_rotate->setToolTips(tr("Turns the picture, in degrees."));
    // The sliders span what is useful to drag; typed values reach what states and the CLI allow
    // (a keyframed spin of several turns, a long pan), shown without being cut.
    m_moveX->setValueRange(-lscore::kMaxTranslate, lscore::kMaxTranslate);
    m_moveY->setValueRange(-lscore::kMaxTranslate, lscore::kMaxTranslate);
    m_rotate->setValueRange(-lscore::kMaxRotateDegrees, lscore::kMaxRotateDegrees);
    auto* resetTransform = new QPushButton(tr("Re&set Move and Turn"), m_transform);
    resetTransform->setObjectName(QStringLiteral("resetTransform"));
    for (QWidget* widget : std::initializer_list<QWidget*>{m_moveX, m_moveY, m_rotate, resetTransform})
        transformLayout->addWidget(widget);
    // Under the seeds, not below the truncation and noise rows: on a 900 px screen the end of the dock
    // is below the fold, and moving and turning is what a StyleGAN3 user reaches for first.
    layout->insertWidget(2, m_transform);
    m_transform->hide();
    layout->addStretch(1);

    connect(m_seedA, &SeedBox::seedEdited, this, [this](std::uint32_t seed) {
        m_document->editState(tr("Seed A"), [&](lscore::EditState& s) { s.seedA = seed; }, EditKind::SeedA);
    });
    connect(m_seedB, &SeedBox::seedEdited, this, [this](std::uint32_t seed) {
        m_document->editState(tr("Seed B"), [&](lscore::EditState& s) { s.seedB = seed; }, EditKind::SeedB);
    });
    connect(m_latentT, &ValueSlider::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_latentT, &ValueSlider::valueEdited, this, [this](double t) {
        m_document->editState(tr("Latent interpolation"), [&](lscore::EditState& s) { s.latentT = t; }, EditKind::LatentT, m_gesture);
    });
    connect(m_latentMode, &QComboBox::activated, this, [this](int index) {
        m_document->editState(tr("Latent blend mode"), [&](lscore::EditState& s) {
            s.latentMode = index == 1 ? lscore::InterpolationMode::Lerp : lscore::InterpolationMode::Slerp;
        }, EditKind::LatentMode);
    });
    connect(m_psi, &ValueSlider::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_psi, &ValueSlider::valueEdited, this, [this](double psi) {
        m_document->editState(tr("Truncation"), [&](lscore::EditState& s) { s.truncationPsi = psi; }, EditKind::TruncationPsi, m_gesture);
    });
    connect(m_cutoff, &QSpinBox::valueChanged, this, [this](int cutoff) {
        if (m_cutoff->signalsBlocked())
            return;
        m_document->editState(tr("Truncation cutoff"), [&](lscore::EditState& s) { s.truncationCutoff = cutoff; }, EditKind::TruncationCutoff);
    });
    connect(m_noiseMode, &QComboBox::activated, this, [this](int index) {
        m_document->editState(tr("Noise mode"), [&](lscore::EditState& s) {
            s.noiseMode = index == 1 ? lscore::EditNoiseMode::Random
                        : index == 2 ? lscore::EditNoiseMode::None : lscore::EditNoiseMode::Const;
        }, EditKind::NoiseMode);
    });
    connect(m_noiseSeed, &SeedBox::seedEdited, this, [this](std::uint32_t seed) {
        m_document->editState(tr("Noise seed"), [&](lscore::EditState& s) { s.noiseSeed = seed; }, EditKind::NoiseSeed);
    });
    for (ValueSlider* slider : {m_moveX, m_moveY, m_rotate})
        connect(slider, &ValueSlider::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_moveX, &ValueSlider::valueEdited, this, [this](double x) {
        m_document->editState(tr("Move"), [&](lscore::EditState& s) { s.translateX = x; }, EditKind::Translate, m_gesture);
    });
    connect(m_moveY, &ValueSlider::valueEdited, this, [this](double y) {
        m_document->editState(tr("Move"), [&](lscore::EditState& s) { s.translateY = y; }, EditKind::Translate, m_gesture);
    });
    connect(m_rotate, &ValueSlider::valueEdited, this, [this](double degrees) {
        m_document->editState(tr("Turn"), [&](lscore::EditState& s) { s.rotateDegrees = degrees; }, EditKind::Rotate, m_gesture);
    });
    connect(resetTransform, &QPushButton::clicked, this, [this] {
        m_document->editState(tr("Reset move and turn"), [](lscore::EditState& s) {
            s.translateX = s.translateY = s.rotateDegrees = 0.0;
        });
    });
    setBigGanTruncation(false);
}

void LatentPanel::setInputTransformAvailable(bool available)
{
    m_transform->setVisible(available);
    m_noiseRows->setVisible(!available);
}

void LatentPanel::setBigGanTruncation(bool bigGan)
{
    if (bigGan) {
        m_psi->setSpan(0.02, 1.0);
        m_psi->setDefaultValue(1.0);
        m_psi->setToolTips(tr("BigGAN truncation: scales the truncated-normal noise and picks the batch-norm statistics "
                              "learnt for that scale. Low values (0.2–0.5) give typical, clean images of the class; 1 the "
                              "most varied."));
    } else {
        m_psi->setSpan(-1.0, 2.0);
        m_psi->setToolTips(tr("Pulls w toward the average w: below 1 more typical and less varied, 0 the average "
                              "image, above 1 more extreme."));
    }
    m_cutoff->setVisible(!bigGan);
    m_cutoffLabel->setVisible(!bigGan);
    if (bigGan) m_noiseRows->setVisible(false);
}

void LatentPanel::setLayerCount(int numWs)
{
    m_cutoff->setMaximum(std::max(0, numWs));
}

void LatentPanel::showState(const lscore::EditState& state)
{
    {
        const QSignalBlocker mode(m_latentMode), cutoff(m_cutoff), noise(m_noiseMode);
        m_latentMode->setCurrentIndex(state.latentMode == lscore::InterpolationMode::Lerp ? 1 : 0);
        m_cutoff->setValue(std::max(-1, state.truncationCutoff));
        m_noiseMode->setCurrentIndex(state.noiseMode == lscore::EditNoiseMode::Random ? 1
                                     : state.noiseMode == lscore::EditNoiseMode::None ? 2 : 0);
    }
    m_seedA->setSeed(state.seedA);
    m_seedB->setSeed(state.seedB);
    m_latentT->setValue(state.latentT);
    m_psi->setValue(state.truncationPsi);
    m_noiseSeed->setSeed(state.noiseSeed);
    m_noiseSeed->setEnabled(state.noiseMode == lscore::EditNoiseMode::Random);
    m_moveX->setValue(state.translateX);
    m_moveY->setValue(state.translateY);
    m_rotate->setValue(state.rotateDegrees);
}

} // namespace lsui
