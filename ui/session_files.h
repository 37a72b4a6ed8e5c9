#pragma once
// The studio's work as files, without a window: the conversion between the editor's StudioState and
// a session file (lscore::Session), the paths a session stores, and the comparison grid as a PNG that
// remembers every pane. MainWindow decides when to read and write and reports the messages; this unit
// decides what goes into the files and what comes out of them.
//
//   lscore::Session session = lsui::sessionFromStudio(document.state(), &model, exportSettings);
//   lscore::writeSessionFile(path, session);
//   …
//   StudioState restored = lsui::studioFromSession(*lscore::readSessionFile(path));
//   QString modelPath = lsui::resolveSessionPath(path, session.modelPath);

#include <string>

#include <QImage>
#include <QString>
#include <QStringList>

#include "lscore/result.h"
#include "lscore/session.h"
#include "render_service.h"
#include "studio_document.h"

namespace lsui {

// Whether the path names a session file by its suffix (.lstudio, or the .json older sessions used).
bool isSessionFile(const QString& path);

// A file path stored in a session (model, text tower) as a path to open: a relative one is relative
// to the session file's folder, so a folder of session + model can move as a whole. "" stays "".
QString resolveSessionPath(const QString& sessionFile, const std::string& stored);

// What a session file keeps of the studio: the editor's state, comparison panes and columns,
// keyframes, the export settings, and the open model and text tower by path and SHA-256 (none when
// `model` is null).
lscore::Session sessionFromStudio(const StudioState& studio, const ModelInfo* model, const lscore::ExportSettings& exportSettings);

// The editor's state a session restores. The comparison always has at least its minimum of panes and
// one column, whatever the file says.
StudioState studioFromSession(const lscore::Session& session);

// One caption per comparison pane, in pane order: what the pane shows — its prompt A, or its class
// name for a class-conditioned model — and its seed ("seed N" alone when there is no subject).
// `description` null: prompts only.
QStringList paneCaptions(const StudioState& studio, const lscore::ModelDescription* description);

// Writes `grid` (the comparison panes drawn as one image) as a PNG that carries the editor's state,
// every pane's full state in pane order (kPngKeyGridPanes) and the model's hash and name, so that
// opening it restores the editor it came from. Written beside the target and renamed: a failed write
// keeps an older file. Errors say what to do; a null grid is refused with a message.
lscore::Status writeComparisonGrid(const QString& path, const QImage& grid, const StudioState& studio, const ModelInfo* model);

} // namespace lsui
