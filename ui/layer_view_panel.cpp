#include "layer_view_panel.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPixmap>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "qt_bridge.h"

namespace lsui {

LayerViewPanel::LayerViewPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_show = new QCheckBox(tr("&Show a layer's activations"), this);
    m_show->setObjectName(QStringLiteral("showLayerView"));
    m_show->setToolTip(tr("Renders the canvas frame with the chosen layer's output beside it (every layer then runs: "
                          "a little slower)."));
    layout->addWidget(m_show);
    auto* form = new QFormLayout;
    m_layer = new QComboBox(this);
    m_layer->setObjectName(QStringLiteral("layerViewLayer"));
    form->addRow(tr("&Layer:"), m_layer);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("layerViewMode"));
    m_mode->addItem(tr("Channels (grid)"));
    m_mode->addItem(tr("One channel"));
    m_mode->addItem(tr("Mean |x|"));
    m_mode->setToolTip(tr("A grid of up to %1 channels from the chosen one on, each scaled to its own range; one channel "
                          "(orange positive, blue negative); or the mean magnitude over all channels.").arg(lscore::kLayerViewGridChannels));
    form->addRow(tr("&View:"), m_mode);
    m_channel = new QSpinBox(this);
    m_channel->setObjectName(QStringLiteral("layerViewChannel"));
    form->addRow(tr("&Channel:"), m_channel);
    layout->addLayout(form);
    m_picture = new QLabel(this);
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(160, 160);
    m_picture->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    layout->addWidget(m_picture, 1);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    connect(m_show, &QCheckBox::toggled, this, [this](bool on) {
        if (!on) {
            m_image = QImage();
            m_picture->clear();
            m_summary->clear();
        }
        emit requestChanged();
    });
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        updateChannelRange();
        emit requestChanged();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_channel->setEnabled(m_mode->currentIndex() != 2);
        emit requestChanged();
    });
    connect(m_channel, &QSpinBox::valueChanged, this, [this] { emit requestChanged(); });
    setLayers({});
}

void LayerViewPanel::setLayers(const std::vector<lscore::SynthesisLayerEntry>& layers)
{
    m_layers = layers;
    {
        const QSignalBlocker block(m_layer);
        m_layer->clear();
        for (const auto& layer : layers)
            m_layer->addItem(tr("%1 · %2 ch · %3 px").arg(toQString(layer.name)).arg(layer.channels).arg(layer.resolution));
        // A middle layer to start with: the first ones are 4 px, the last one the RGB image.
        if (!layers.empty()) m_layer->setCurrentIndex(static_cast<int>(layers.size()) / 2);
    }
    updateChannelRange();
    m_show->setEnabled(!layers.empty());
    if (layers.empty()) m_summary->setText(tr("This model's layers cannot be shown."));
    else if (m_image.isNull()) m_summary->clear();
    emit requestChanged();
}

void LayerViewPanel::updateChannelRange()
{
    const int index = m_layer->currentIndex();
    const int channels = index >= 0 && static_cast<std::size_t>(index) < m_layers.size() ? m_layers[static_cast<std::size_t>(index)].channels : 1;
    const QSignalBlocker block(m_channel);
    m_channel->setRange(0, std::max(0, channels - 1));
}

std::optional<lscore::LayerViewRequest> LayerViewPanel::request() const
{
    const int index = m_layer->currentIndex();
    if (!m_active || !m_show->isChecked() || index < 0 || static_cast<std::size_t>(index) >= m_layers.size()) return std::nullopt;
    lscore::LayerViewRequest request;
    request.layer = m_layers[static_cast<std::size_t>(index)].name;
    request.mode = m_mode->currentIndex() == 1 ? lscore::LayerViewMode::Channel
                   : m_mode->currentIndex() == 2 ? lscore::LayerViewMode::MeanAbs
                                                 : lscore::LayerViewMode::Channels;
    request.channel = m_channel->value();
    return request;
}

void LayerViewPanel::setActive(bool active)
{
    if (active == m_active) return;
    m_active = active;
    emit requestChanged();
}

void LayerViewPanel::showLayer(const QImage& image, const QString& summary)
{
    if (!m_show->isChecked()) return;
    m_image = image;
    m_summary->setText(summary);
    redraw();
}

void LayerViewPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    redraw();
}

void LayerViewPanel::redraw()
{
    if (m_image.isNull()) return;
    // Nearest-neighbour: a 4 px layer's pixels stay pixels instead of a blur.
    const QSize room = m_picture->size().boundedTo(QSize(4096, 4096));
    m_picture->setPixmap(QPixmap::fromImage(m_image.scaled(room, Qt::KeepAspectRatio, Qt::FastTransformation)));
}

} // namespace lsui
