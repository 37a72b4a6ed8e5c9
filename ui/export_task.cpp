#include "export_task.h"

#include <QMetaObject>

namespace lsui {

ExportTask::ExportTask(lsmedia::ExportParams params, QObject* parent)
    : QObject(parent), m_params(std::move(params))
{
    m_framesTotal = m_params.path.frameCount();
}

ExportTask::~ExportTask()
{
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
}

void ExportTask::start()
{
    if (m_running || m_worker.joinable())
        return;
    m_running = true;
    // Cancelling also stops an export still opening its model, not only one between batches.
    m_params.engineOptions.cancel = &m_cancel;
    // Results come back through queued calls on this object, which outlives the thread (the
    // destructor joins it).
    m_worker = std::thread([this] {
        const lsmedia::ExportResult result = lsmedia::runExport(m_params, &m_cancel, [this](const lsmedia::ExportProgress& p) {
            QMetaObject::invokeMethod(this, [this, p] {
                m_framesDone = p.framesDone;
                m_framesTotal = p.framesTotal;
                emit progressed(p.framesDone, p.framesTotal, p.framesPerSecond, p.secondsLeft);
            }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(this, [this, result] {
            m_running = false;
            if (m_worker.joinable())
                m_worker.join();
            emit finished(result);
        }, Qt::QueuedConnection);
    });
}

void ExportTask::cancel()
{
    if (!m_running || m_cancel.exchange(true))
        return;
    emit cancelling();
}

QString ExportTask::describe(const lsmedia::ExportResult& result)
{
    if (!result.ok())
        return QString::fromStdString(result.message);
    const QString output = QString::fromStdString(result.outputPath);
    QString message = tr("Exported %1 frames to %2 (%3 fps)").arg(result.framesWritten).arg(output).arg(result.framesPerSecond, 0, 'f', 1);
    if (result.framesReused > 0)
        message += tr("; %n finished frame(s) kept from the interrupted export", nullptr, result.framesReused);
    if (!result.codec.empty())
        message += tr(", %1").arg(QString::fromStdString(result.codec));
    return message;
}

} // namespace lsui
