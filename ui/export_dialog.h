#pragma once
// Export UI, self-contained around lsmedia::ExportParams:
//  * ExportDialog: the settings form (format, fps, size, frame range, batch, output, overwrite).
//    It returns lsmedia::ExportParams; the owner fills in the model and keyframe path.
//  * ExportProgressDialog: non-modal; observes an ExportTask (which runs the export) and shows
//    frames done, fps and time left, with Cancel.
//
//   ExportDialog dialog(session.exportSettings, path.frameCount(), this);
//   if (dialog.exec() == QDialog::Accepted) {
//       lsmedia::ExportParams params = dialog.params();
//       params.modelPath = engineModelPath;  params.path = strip->path();
//       auto* task = new ExportTask(params, owner);
//       (new ExportProgressDialog(task, this))->show();   // deletes itself when closed
//       task->start();
//   }

#include <QDialog>
#include <QPointer>
#include <QString>

#include "lscore/session.h"
#include "lsmedia/export_job.h"
#include "export_task.h"

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

// Observes an ExportTask: frames done, fps and time left, with Cancel. Closing the dialog leaves the
// export running (Export Sequence… shows a new one for it); it deletes itself when closed.
class ExportProgressDialog : public QDialog {
    Q_OBJECT
public:
    ExportProgressDialog(ExportTask* task, QWidget* parent = nullptr);
    ExportTask* task() const { return m_task; }   // null once the task is gone

private:
    void onProgress(int done, int total, double fps, double secondsLeft);
    void onCancelling();
    void onFinished(const lsmedia::ExportResult& result);

    QPointer<ExportTask> m_task;
    QProgressBar* m_bar = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace lsui
