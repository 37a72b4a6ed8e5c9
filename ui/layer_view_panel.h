#pragma once
// LayerViewPanel: what a synthesis layer computes for the canvas frame, as NVIDIA's visualizer shows
// it — a grid of channels, one channel, or mean |x| over the channels — beside the canvas. Off until
// "Show" is ticked; while off (or the dock hidden) nothing is asked of the renderer, so normal
// rendering costs what it did. The panel only says what it wants (request()); the window passes it
// to RenderService::setLayerView and shows the frames it gets with showLayer().

#include <optional>
#include <vector>

#include <QImage>
#include <QWidget>

#include "lscore/engine.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace lsui {

class LayerViewPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerViewPanel(QWidget* parent = nullptr);

    void setLayers(const std::vector<lscore::SynthesisLayerEntry>& layers);
    // What to render with the canvas frame; nullopt while the view is off or has no layer.
    std::optional<lscore::LayerViewRequest> request() const;
    void setActive(bool active);   // the dock's visibility: a hidden view asks for nothing
    void showLayer(const QImage& image, const QString& summary);

    QCheckBox* showBox() const { return m_show; }
    QComboBox* layerBox() const { return m_layer; }
    QComboBox* modeBox() const { return m_mode; }
    QSpinBox* channelBox() const { return m_channel; }
    const QImage& shownImage() const { return m_image; }

signals:
    void requestChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateChannelRange();
    void redraw();

    std::vector<lscore::SynthesisLayerEntry> m_layers;
    bool m_active = true;
    QCheckBox* m_show = nullptr;
    QComboBox* m_layer = nullptr;
    QComboBox* m_mode = nullptr;
    QSpinBox* m_channel = nullptr;
    QLabel* m_picture = nullptr;
    QLabel* m_summary = nullptr;
    QImage m_image;
};

} // namespace lsui
