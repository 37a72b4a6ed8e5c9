#include "export_dialog.h"

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lsui {

ExportDialog::ExportDialog(const lscore::ExportSettings& settings, int pathFrames, QWidget* parent)
    : QDialog(parent), m_pathFrames(pathFrames)
{
    setWindowTitle(tr("Export"));
    m_format = new QComboBox(this);
    m_format->addItem(tr("PNG frames (folder)"), QStringLiteral("png"));
    m_format->addItem(tr("MP4 video"), QStringLiteral("mp4"));
    m_format->addItem(tr("Animated GIF"), QStringLiteral("gif"));
    m_format->addItem(tr("Contact sheet (PNG)"), QStringLiteral("sheet"));
    m_format->setCurrentIndex(std::max(0, m_format->findData(QString::fromStdString(settings.format))));
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 240);
    m_fps->setValue(settings.fps);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* side : {m_width, m_height}) {
        side->setRange(0, 8192);
        side->setSpecialValueText(tr("auto"));
        side->setToolTip(tr("Output size in pixels; \"auto\" keeps the model's size, or follows the other side at the model's aspect ratio"));
    }
    m_width->setValue(settings.width);
    m_height->setValue(settings.height);
    m_nearest = new QCheckBox(tr("Hard pixels (nearest neighbour)"), this);
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    m_from->setRange(0, std::max(0, pathFrames - 1));
    m_to->setRange(1, std::max(1, pathFrames));
    m_to->setValue(std::max(1, pathFrames));
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, 64);
    m_batch->setValue(8);
    m_batch->setToolTip(tr("Frames rendered per engine call; larger is faster, range exports match for equal batch sizes"));
    m_output = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_force = new QCheckBox(tr("Replace an existing output"), this);
    m_resume = new QCheckBox(tr("Finish an interrupted export in this folder"), this);
    m_resume->setToolTip(tr("Keeps the frames already there that match this path and model, and renders the rest"));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d04040"));

    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    auto* range = new QHBoxLayout;
    range->addWidget(m_from);
    range->addWidget(new QLabel(tr("to (excluding)"), this));
    range->addWidget(m_to);
    auto* output = new QHBoxLayout;
    output->addWidget(m_output, 1);
    output->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Frames per second"), m_fps);
    form->addRow(tr("Size"), size);
    form->addRow(QString(), m_nearest);
    form->addRow(tr("Frames (of %1)").arg(pathFrames), range);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Output"), output);
    form->addRow(QString(), m_force);
    form->addRow(QString(), m_resume);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForFormat);
    connect(m_force, &QCheckBox::toggled, this, [this](bool on) { if (on) m_resume->setChecked(false); });
    connect(m_resume, &QCheckBox::toggled, this, [this](bool on) { if (on) m_force->setChecked(false); });
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseOutput);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::validateAndAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateForFormat();
}

lsmedia::ExportParams ExportDialog::params() const
{
    lsmedia::ExportParams params;
    params.format = lsmedia::exportFormatFromString(m_format->currentData().toString().toStdString())
                        .value_or(lsmedia::ExportFormat::PngSequence);
    params.fps = m_fps->value();
    params.width = m_width->value();
    params.height = m_height->value();
    params.filter = m_nearest->isChecked() ? lsmedia::ResizeFilter::Nearest : lsmedia::ResizeFilter::Smooth;
    params.frameBegin = m_from->value();
    params.frameEnd = m_to->value();
    params.batchSize = m_batch->value();
    params.outputPath = m_output->text().toStdString();
    params.force = m_force->isChecked();
    params.resume = m_resume->isEnabled() && m_resume->isChecked();
    return params;
}

lscore::ExportSettings ExportDialog::settings() const
{
    return {m_format->currentData().toString().toStdString(), m_fps->value(), m_width->value(), m_height->value()};
}

void ExportDialog::updateForFormat()
{
    const bool folder = m_format->currentData().toString() == QStringLiteral("png");
    m_output->setPlaceholderText(folder ? tr("a folder for the frames") : tr("the file to write"));
    m_fps->setEnabled(m_format->currentData().toString() != QStringLiteral("sheet"));
    m_resume->setEnabled(folder);   // videos, GIFs and sheets are written whole
}

void ExportDialog::chooseOutput()
{
    const QString format = m_format->currentData().toString();
    QString chosen;
    if (format == QStringLiteral("png")) {
        chosen = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"));
    } else {
        const QString filter = format == QStringLiteral("mp4")   ? tr("MP4 video (*.mp4)")
                               : format == QStringLiteral("gif") ? tr("GIF animation (*.gif)")
                                                                 : tr("PNG image (*.png)");
        chosen = QFileDialog::getSaveFileName(this, tr("Export to"), QString(), filter);
    }
    if (!chosen.isEmpty()) m_output->setText(chosen);
}

void ExportDialog::validateAndAccept()
{
    // The job's own validation, with a stand-in path of the right length, so the messages match the CLI's.
    lsmedia::ExportParams check = params();
    check.path.keyframes.resize(2);
    check.path.keyframes[0].framesToNext = std::max(1, m_pathFrames - 1);
    if (auto status = lsmedia::validateExportParams(check); !status) {
        m_error->setText(QString::fromStdString(status.error()));
        return;
    }
    accept();
}

ExportProgressDialog::ExportProgressDialog(ExportTask* task, QWidget* parent)
    : QDialog(parent), m_task(task)
{
    setWindowTitle(tr("Exporting"));
    setModal(false);
    setAttribute(Qt::WA_DeleteOnClose);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, std::max(1, task->framesTotal()));
    m_bar->setValue(task->framesDone());
    m_status = new QLabel(task->framesDone() > 0 ? tr("%1 of %2 frames").arg(task->framesDone()).arg(task->framesTotal())
                                                 : tr("Opening the model…"), this);
    m_status->setToolTip(tr("Closing this window leaves the export running; Export Sequence… shows it again."));
    m_cancel = new QPushButton(tr("Cancel Export"), this);
    m_close = new QPushButton(tr("Close"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, task, &ExportTask::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(task, &ExportTask::progressed, this, &ExportProgressDialog::onProgress);
    connect(task, &ExportTask::cancelling, this, &ExportProgressDialog::onCancelling);
    connect(task, &ExportTask::finished, this, &ExportProgressDialog::onFinished);
    if (task->isCancelling())
        onCancelling();
}

void ExportProgressDialog::onProgress(int done, int total, double fps, double secondsLeft)
{
    m_bar->setRange(0, total);
    m_bar->setValue(done);
    if (m_task && m_task->isCancelling())
        return;
    m_status->setText(tr("%1 of %2 frames · %3 fps · %4 s left")
                          .arg(done)
                          .arg(total)
                          .arg(fps, 0, 'f', 1)
                          .arg(static_cast<int>(std::ceil(secondsLeft))));
}

void ExportProgressDialog::onCancelling()
{
    m_status->setText(tr("Cancelling after the current batch…"));
    m_cancel->setEnabled(false);
}

void ExportProgressDialog::onFinished(const lsmedia::ExportResult& result)
{
    m_status->setText(ExportTask::describe(result));
    m_cancel->hide();
    m_close->setDefault(true);
}

} // namespace lsui
