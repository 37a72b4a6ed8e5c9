#pragma once
// RecentFiles: the studio's list of recently opened files (models, sessions, images), newest first,
// kept in the application's settings, and how each is named in a menu.
//
//   RecentFiles recent;                       // reads the settings
//   recent.add(path);                         // moves it to the front; emits changed()
//   for (const RecentFiles::Entry& e : recent.entries()) menu->addAction(e.label)->setToolTip(e.path);
//
// Labels are file names; files of the same name from different folders are told apart by their
// folder's name ("model.pkl — ffhq", "model.pkl — cats"), or by the whole folder where those clash
// too, so two menu lines never look alike.

#include <functional>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace lsui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;

    struct Entry {
        QString path;    // absolute
        QString label;   // what a menu shows
    };

    // `ignore`: paths never recorded (the crash-recovery autosave).
    explicit RecentFiles(std::function<bool(const QString&)> ignore = {}, QObject* parent = nullptr);

    void add(const QString& path);
    QStringList paths() const;
    QVector<Entry> entries() const;
    static QVector<Entry> label(const QStringList& paths);

signals:
    void changed();

private:
    std::function<bool(const QString&)> m_ignore;
};

} // namespace lsui
