#pragma once
// ExportTask: one export of a keyframe path, run by lsmedia::runExport on a thread of its own so
// that it never competes with the live render's worker for the request slot. The application
// (AnimationController) owns the task; a progress dialog only observes it through the signals.
//
//   auto* task = new ExportTask(params, this);
//   connect(task, &ExportTask::progressed, bar, ...);
//   connect(task, &ExportTask::finished, this, [task](const lsmedia::ExportResult& r) { task->deleteLater(); });
//   task->start();
//   task->cancel();                 // any time: stops within one batch (or the model's open)
//
// Signals arrive on the task's thread (the GUI thread). The destructor cancels a running export
// and waits for its thread: a task is never left running unowned.

#include <atomic>
#include <thread>

#include <QObject>
#include <QString>

#include "lsmedia/export_job.h"

namespace lsui {

class ExportTask : public QObject {
    Q_OBJECT
public:
    ExportTask(lsmedia::ExportParams params, QObject* parent = nullptr);
    ~ExportTask() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelling() const { return m_cancel.load(); }
    const lsmedia::ExportParams& params() const { return m_params; }
    int framesDone() const { return m_framesDone; }
    int framesTotal() const { return m_framesTotal; }

    // The user-facing summary of a result: frames, output and speed, or the error.
    static QString describe(const lsmedia::ExportResult& result);

signals:
    void progressed(int framesDone, int framesTotal, double framesPerSecond, double secondsLeft);
    void cancelling();
    void finished(const lsmedia::ExportResult& result);

private:
    lsmedia::ExportParams m_params;
    std::atomic_bool m_cancel = false;
    std::thread m_worker;
    bool m_running = false;
    int m_framesDone = 0;
    int m_framesTotal = 0;
};

} // namespace lsui
