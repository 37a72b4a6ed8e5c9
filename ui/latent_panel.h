#pragma once
// LatentPanel: where the latent comes from and how it is shaped — seeds A and B, the A→B latent
// interpolation and its blend mode, truncation ψ with its layer cutoff, the noise inputs, and for
// generators with an input transform (StyleGAN3) the picture's move and turn. Every change is an
// undoable edit of the StudioDocument; a slider drag is one undo step.
//
//   auto* latent = new LatentPanel(document, dock);
//   latent->setLayerCount(description.numWs);        // when a model opens
//   latent->showState(document->state().edit);       // when the state changes

#include <QWidget>

#include "lscore/edit_state.h"

class QComboBox;
class QGroupBox;
class QSpinBox;

namespace lsui {

class SeedBox;
class StudioDocument;
class ValueSlider;

class LatentPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentPanel(StudioDocument* document, QWidget* parent = nullptr);

    // The truncation cutoff counts w indices: up to the model's numWs.
    void setLayerCount(int numWs);
    // Shows the move/turn controls for a generator with an input transform (StyleGAN3) and hides
    // them for the others, which ignore those fields; the noise controls the other way round.
    void setInputTransformAvailable(bool available);
    // BigGAN's truncation: the noise scale in (0, 1] that also picks its batch-norm statistics; no
    // per-layer cutoff and no noise inputs. Otherwise StyleGAN's ψ in [−1, 2] with a cutoff.
    void setBigGanTruncation(bool bigGan);
    // The widgets follow the state; nothing is emitted or edited.
    void showState(const lscore::EditState& state);

    SeedBox* seedA() const { return m_seedA; }
    SeedBox* seedB() const { return m_seedB; }
    ValueSlider* latentSlider() const { return m_latentT; }
    ValueSlider* truncationSlider() const { return m_psi; }
    ValueSlider* moveXSlider() const { return m_moveX; }
    ValueSlider* moveYSlider() const { return m_moveY; }
    ValueSlider* rotateSlider() const { return m_rotate; }

private:
    StudioDocument* m_document;
    quint64 m_gesture = 0;
    SeedBox* m_seedA = nullptr;
    SeedBox* m_seedB = nullptr;
    ValueSlider* m_latentT = nullptr;
    QComboBox* m_latentMode = nullptr;
    ValueSlider* m_psi = nullptr;
    QSpinBox* m_cutoff = nullptr;
    QWidget* m_cutoffLabel = nullptr;
    QComboBox* m_noiseMode = nullptr;
    SeedBox* m_noiseSeed = nullptr;
    QWidget* m_noiseRows = nullptr;
    QGroupBox* m_transform = nullptr;
    ValueSlider* m_moveX = nullptr;
    ValueSlider* m_moveY = nullptr;
    ValueSlider* m_rotate = nullptr;
};

} // namespace lsui
