#include "studio_document.h"

#include <utility>

#include <QUndoCommand>

namespace lsui {

// One undo step: the state before and after. Merging keeps the first `before` and the newest `after`.
class StateCommand : public QUndoCommand {
public:
    StateCommand(StudioDocument* document, const QString& text, StudioState before, StudioState after,
                 EditKind kind, quint64 gesture)
        : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after)),
          m_kind(kind), m_gesture(gesture)
    {
    }

    int id() const override { return m_gesture == 0 ? -1 : static_cast<int>(m_kind); }

    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = dynamic_cast<const StateCommand*>(other);
        if (!next || next->m_kind != m_kind || next->m_gesture != m_gesture || m_gesture == 0)
            return false;
        m_after = next->m_after;
        setObsolete(m_after == m_before);  // dragged back to where it started: no step at all
        return true;
    }

    void redo() override { m_document->apply(m_after); }
    void undo() override { m_document->apply(m_before); }

private:
    StudioDocument* m_document;
    StudioState m_before;
    StudioState m_after;
    EditKind m_kind;
    quint64 m_gesture;
};

int classFromPrompt(const QString& prompt, const lscore::Conditioning& conditioning)
{
    const QString wanted = prompt.trimmed();
    if (wanted.isEmpty())
        return -1;
    for (std::size_t i = 0; i < conditioning.classNames.size(); ++i) {
        if (wanted.compare(QString::fromStdString(conditioning.classNames[i]), Qt::CaseInsensitive) == 0)
            return static_cast<int>(i);
    }
    QString number = wanted;
    if (number.startsWith(QLatin1String("class "), Qt::CaseInsensitive))
        number = number.mid(6).trimmed();
    bool isNumber = false;
    const int index = number.toInt(&isNumber);
    return isNumber && index >= 0 && index < conditioning.classCount ? index : -1;
}

lscore::EditState paneState(const lscore::EditState& main, const lscore::ComparisonPane& pane,
                            const lscore::ModelDescription* model)
{
    lscore::EditState state = main;
    if (pane.seed)
        state.seedA = *pane.seed;
    if (pane.t)
        state.promptT = *pane.t;
    const QString prompt = QString::fromStdString(pane.prompt).trimmed();
    const auto type = model ? model->conditioning.type : lscore::ConditioningType::Text;
    if (type == lscore::ConditioningType::Class) {
        const int index = classFromPrompt(prompt, model->conditioning);
        if (index >= 0) {
            state.classA = index;
            state.classB = index;
        }
    } else if (type == lscore::ConditioningType::Text && !prompt.isEmpty()) {
        state.promptA = pane.prompt;
        state.promptB = pane.prompt;
    }
    return state;
}

int walkGridColumns(int columns) { return columns >= 3 && columns <= 8 ? columns : 4; }

std::vector<lscore::ComparisonPane> walkGridPanes(const lscore::EditState& main, int columns)
{
    constexpr int kMaxPanes = 16;
    const int steps = walkGridColumns(columns);
    const int rows = std::min(4, kMaxPanes / steps);
    std::vector<lscore::ComparisonPane> panes;
    for (const lscore::EditState& cell : lscore::walkGridStates(main, rows, steps)) {
        lscore::ComparisonPane pane;
        pane.seed = cell.seedA;
        pane.t = cell.promptT;
        panes.push_back(pane);
    }
    return panes;
}

StudioDocument::StudioDocument(QObject* parent)
    : QObject(parent)
{
    m_undo.setUndoLimit(500);
}

bool StudioDocument::edit(const QString& text, const std::function<void(StudioState&)>& change, EditKind kind,
                          quint64 gesture)
{
    StudioState next = m_state;
    change(next);
    if (next == m_state)
        return false;
    m_undo.push(new StateCommand(this, text, m_state, std::move(next), kind, gesture));
    return true;
}

bool StudioDocument::editState(const QString& text, const std::function<void(lscore::EditState&)>& change,
                               EditKind kind, quint64 gesture)
{
    return edit(text, [&](StudioState& s) { change(s.edit); }, kind, gesture);
}

void StudioDocument::replace(const QString& text, const StudioState& state)
{
    if (state == m_state)
        return;
    m_undo.push(new StateCommand(this, text, m_state, state, EditKind::Other, 0));
}

void StudioDocument::setWithoutUndo(const StudioState& state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit changed();
}

void StudioDocument::apply(const StudioState& state)
{
    m_state = state;
    emit changed();
}

} // namespace lsui
