#pragma once
// ModelPanel: the open model — what its file says about itself (architecture, layers,
// conditioning, license, hashes), the device it renders on, and the recently opened models. The
// panel asks; the window acts: it emits what the user chose and shows what it is given.
//
//   auto* panel = new ModelPanel(dock);
//   connect(panel, &ModelPanel::deviceChanged, window, [&] { reopen on panel->device(); });
//   panel->showModel(&info);                 // nullptr: no model open
//   panel->setRecentModels(recent.entries());

#include <QString>
#include <QVector>
#include <QWidget>

#include "recent_files.h"

class QComboBox;
class QListWidget;
class QTextBrowser;

namespace lsui {

struct ModelInfo;

class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(QWidget* parent = nullptr);

    // The device chosen ("cpu", "cuda"); remembered in the settings across sessions.
    QString device() const;
    void showModel(const ModelInfo* model);
    // The model files among `recent` (sessions and images are left out), labelled apart by folder.
    void setRecentModels(const QVector<RecentFiles::Entry>& recent);

signals:
    void openRequested();
    void deviceChanged();
    void fileActivated(const QString& path);

private:
    QComboBox* m_device = nullptr;
    QTextBrowser* m_info = nullptr;
    QListWidget* m_recent = nullptr;
};

// Whether the path names a model: a file by its suffix (.safetensors or an NVlabs .pkl), or a
// BigGAN-deep folder (pytorch_model.bin + config.json) or its .bin.
bool isModelFile(const QString& path);

} // namespace lsui
