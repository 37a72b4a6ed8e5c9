#pragma once
// PromptsPanel: what the model is conditioned on, A and B — two prompts for a text model (with its
// vocabulary's completion and underlining), two classes for a class model, a note for an
// unconditional one — plus the A→B interpolation slider and its blend mode. Every change is an
// undoable edit of the StudioDocument; a typing run or a slider drag is one undo step.
//
//   auto* prompts = new PromptsPanel(document, dock);
//   prompts->setConditioning(description.conditioning, classNames);   // when a model opens
//   prompts->showState(document->state().edit);                       // when the state changes
//   prompts->setProblem(tr("Prompt A: …"));                           // "" when it renders

#include <QString>
#include <QStringList>
#include <QWidget>

#include "lscore/edit_state.h"
#include "lscore/model_description.h"

class QComboBox;
class QLabel;

namespace lsui {

class PromptEdit;
class StudioDocument;
class ValueSlider;

class PromptsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PromptsPanel(StudioDocument* document, QWidget* parent = nullptr);

    // Shows the controls this conditioning has; `classNames` label a class model's classes.
    void setConditioning(const lscore::Conditioning& conditioning, const QStringList& classNames);
    // The widgets follow the state; nothing is emitted or edited.
    void showState(const lscore::EditState& state);
    // Why the prompts cannot be rendered as they are, one problem a line ("": they can). The
    // panel shows the first line and keeps the whole text as its tooltip.
    void setProblem(const QString& problem);

    ValueSlider* blendSlider() const { return m_promptT; }

private:
    StudioDocument* m_document;
    quint64 m_gesture = 0;
    QWidget* m_textPrompts = nullptr;
    QWidget* m_classPrompts = nullptr;
    QLabel* m_noPromptsNote = nullptr;
    PromptEdit* m_promptA = nullptr;
    PromptEdit* m_promptB = nullptr;
    QLabel* m_problem = nullptr;
    QComboBox* m_classA = nullptr;
    QComboBox* m_classB = nullptr;
    ValueSlider* m_promptT = nullptr;
    QComboBox* m_promptMode = nullptr;
};

} // namespace lsui
