#pragma once
// Export UI, self-contained around lsmedia::ExportParams:
//  * ExportDialog: the settings form (format, fps, size, frame range, batch, output, overwrite).
//    It returns lsmedia::ExportParams; the owner fills in the model and keyframe path.
//  * ExportProgressDialog: non-modal; runs lsmedia::runExport on its own thread and shows frames
//    done, fps and time left, with Cancel (an atomic flag the job polls between batches).
//
//   ExportDialog dialog(session.exportSettings, path.frameCount(), this);
//   if (dialog.exec() == QDialog::Accepted) {
//       lsmedia::ExportParams params = dialog.params();
//       params.modelPath = engineModelPath;  params.path = strip->path();
//       auto* progress = new ExportProgressDialog(params, this);   // deletes itself when closed
//       connect(progress, &ExportProgressDialog::finished, this, &MainWindow::onExportFinished);
//       progress->start();
//   }

#include <atomic>
#include <memory>
#include <thread>

#include <QDialog>
#include <QString>

#include "lscore/session.h"
#include "lsmedia/export_job.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lsui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const lscore::ExportSettings& settings, int pathFrames, QWidget* parent = nullptr);

    lsmedia::ExportParams params() const;              // modelPath and path left for the caller
    lscore::ExportSettings settings() const;           // to store back into the session

private:
    void updateForFormat();
    void chooseOutput();
    void validateAndAccept();

    int m_pathFrames = 0;
    QComboBox* m_format = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QCheckBox* m_nearest = nullptr;
    QSpinBox* m_from = nullptr;
    QSpinBox* m_to = nullptr;
    QSpinBox* m_batch = nullptr;
    QLineEdit* m_output = nullptr;
    QCheckBox* m_force = nullptr;
    QCheckBox* m_resume = nullptr;   // PNG only; exclusive with m_force
    QLabel* m_error = nullptr;
};

class ExportProgressDialog : public QDialog {
    Q_OBJECT
public:
    ExportProgressDialog(lsmedia::ExportParams params, QWidget* parent = nullptr);
    ~ExportProgressDialog() override;

    void start();
    void cancel();                                   // safe to call any time

signals:
    void finished(bool succeeded, const QString& message, const QString& outputPath);

private:
    void onProgress(int done, int total, double fps, double secondsLeft);
    void onFinished(const lsmedia::ExportResult& result);
    void closeEvent(QCloseEvent* event) override;

    lsmedia::ExportParams m_params;
    std::atomic_bool m_cancel = false;
    std::thread m_worker;
    bool m_running = false;
    QProgressBar* m_bar = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_button = nullptr;
};

} // namespace lsui
