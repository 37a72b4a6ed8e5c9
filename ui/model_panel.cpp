#include "model_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStringList>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "lscore/engine.h"
#include "lscore/model_folder.h"
#include "qt_bridge.h"
#include "render_service.h"

namespace lsui {

namespace {

const QString kDeviceKey = QStringLiteral("device");

QString htmlEscaped(const std::string& text) { return toQString(text).toHtmlEscaped(); }

} // namespace

bool isModelFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("safetensors") || suffix == QLatin1String("pkl")) return true;
    // A BigGAN-deep folder as downloaded (pytorch_model.bin + config.json), named or dropped as the
    // folder or as its .bin.
    return lscore::findBigGanFolder(path.toStdString()).has_value();
}

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* open = new QPushButton(tr("&Open Model…"), this);
    open->setToolTip(tr("Open a .safetensors model or an NVlabs .pkl snapshot. You can also drop one on the window."));
    connect(open, &QPushButton::clicked, this, &ModelPanel::openRequested);
    auto* deviceLabel = new QLabel(tr("&Device:"), this);
    m_device = new QComboBox(this);
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    if (lscore::Engine::cudaAvailable())
        m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    m_device->setToolTip(tr("Where the model renders. CUDA appears when a GPU build of libtorch finds a GPU."));
    m_device->setEnabled(m_device->count() > 1);
    deviceLabel->setBuddy(m_device);
    const int savedDevice = m_device->findData(QSettings().value(kDeviceKey, QStringLiteral("cpu")));
    m_device->setCurrentIndex(std::max(0, savedDevice));
    connect(m_device, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kDeviceKey, m_device->currentData());
        emit deviceChanged();
    });
    row->addWidget(open);
    row->addStretch(1);
    row->addWidget(deviceLabel);
    row->addWidget(m_device);
    layout->addLayout(row);

    m_info = new QTextBrowser(this);
    m_info->setOpenLinks(false);
    m_info->setToolTip(tr("What the model file says about itself"));
    layout->addWidget(m_info, 3);

    auto* recentLabel = new QLabel(tr("&Recent models (double-click to open):"), this);
    m_recent = new QListWidget(this);
    m_recent->setToolTip(tr("Models opened recently. Double-click or press Enter to open."));
    recentLabel->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit fileActivated(item->data(Qt::UserRole).toString());
    });
    layout->addWidget(recentLabel);
    layout->addWidget(m_recent, 1);
    showModel(nullptr);
}

void ModelPanel::showModel(const ModelInfo* model)
{
    if (!model) {
        m_info->setHtml(tr("<p><b>No model loaded.</b></p><p>Open a model with <i>Open Model…</i>, "
                                "drop a file on the window, or pick one from the recent list.</p>"));
        return;
    }
    const lscore::ModelDescription& d = model->description;
    int coarse = 0, middle = 0, fine = 0;
    for (const auto& layer : d.layers)
        (layer.kind == lscore::LayerKind::Coarse ? coarse : layer.kind == lscore::LayerKind::Middle ? middle : fine)++;
    QString html = QStringLiteral("<h3>%1</h3><table cellspacing=2>").arg(htmlEscaped(d.name.empty() ? "—" : d.name));
    auto row = [&html](const QString& key, const QString& value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(key, value);
    };
    row(tr("File"), QFileInfo(model->path).fileName().toHtmlEscaped());
    row(tr("Architecture"), htmlEscaped(d.architecture));
    row(tr("Resolution"), tr("%1 × %1 px, %2 channels").arg(d.resolution).arg(d.imgChannels));
    row(tr("Latent"), tr("z %1, w %2").arg(d.zDim).arg(d.wDim));
    row(tr("Layers"), tr("%1 w indices: %2 coarse, %3 middle, %4 fine").arg(d.numWs).arg(coarse).arg(middle).arg(fine));
    switch (d.conditioning.type) {
    case lscore::ConditioningType::None:
        row(tr("Conditioning"), tr("none (unconditional)"));
        break;
    case lscore::ConditioningType::Class: {
        QStringList names;
        for (const auto& name : d.conditioning.classNames)
            names << htmlEscaped(name);
        row(tr("Conditioning"), tr("%n class(es)", nullptr, d.conditioning.classCount));
        if (!names.isEmpty())
            row(tr("Classes"), names.join(QStringLiteral(", ")));
        break;
    }
    case lscore::ConditioningType::Text: {
        if (d.conditioning.clip) {
            row(tr("Conditioning"), tr("text: any English prompt, read by CLIP (up to 77 tokens)"));
            row(tr("Text encoder"), tr("%1 (CLIP, %2-wide features), SHA-256 <code>%3…</code>")
                                        .arg(QFileInfo(model->textEncoderPath).fileName().toHtmlEscaped())
                                        .arg(d.conditioning.clipFeatureDim)
                                        .arg(model->textEncoderHash.left(16)));
            break;
        }
        QStringList words;
        for (const auto& word : d.conditioning.vocabulary)
            words << htmlEscaped(word);
        row(tr("Conditioning"), tr("text, up to %1 words per prompt").arg(d.conditioning.context - 2));
        row(tr("Vocabulary"), tr("%n word(s):", nullptr, static_cast<int>(words.size())) + QLatin1Char(' ') + words.join(QStringLiteral(", ")));
        break;
    }
    }
    row(tr("License"), d.license.empty() ? tr("not stated") : htmlEscaped(d.license));
    if (d.provenance.is_object() && d.provenance.contains("source") && d.provenance["source"].is_string())
        row(tr("Source"), htmlEscaped(d.provenance["source"].get<std::string>()));
    row(tr("SHA-256"), QStringLiteral("<code>%1…</code>").arg(model->hash.left(16)));
    row(tr("Device"), model->device.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_info->setHtml(html);
}

QString ModelPanel::device() const
{
    return m_device->currentData().toString();
}

void ModelPanel::setRecentModels(const QVector<RecentFiles::Entry>& recent)
{
    m_recent->clear();
    QStringList models;
    for (const RecentFiles::Entry& entry : recent)
        if (isModelFile(entry.path))
            models << entry.path;
    // Labelled among the models only: the list shows no sessions to tell them apart from.
    for (const RecentFiles::Entry& entry : RecentFiles::label(models)) {
        auto* item = new QListWidgetItem(entry.label, m_recent);
        item->setToolTip(entry.path);
        item->setData(Qt::UserRole, entry.path);
    }
}

} // namespace lsui
