#include "prompts_panel.h"

#include <algorithm>

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "prompt_edit.h"
#include "qt_bridge.h"
#include "studio_document.h"
#include "value_slider.h"

namespace lsui {

PromptsPanel::PromptsPanel(StudioDocument* document, QWidget* parent) : QWidget(parent), m_document(document)
{
    auto* layout = new QVBoxLayout(this);

    m_noPromptsNote = new QLabel(tr("This model is unconditional: it has no prompts or classes. "
                                    "Use seeds, style mixing and the latent controls."), this);
    m_noPromptsNote->setWordWrap(true);
    layout->addWidget(m_noPromptsNote);

    m_textPrompts = new QWidget(this);
    auto* textForm = new QFormLayout(m_textPrompts);
    textForm->setContentsMargins(0, 0, 0, 0);
    m_promptA = new PromptEdit(m_textPrompts);
    m_promptA->setObjectName(QStringLiteral("promptA"));
    m_promptA->setToolTip(tr("Prompt A. Words the model does not know are underlined in red; hover for suggestions."));
    m_promptB = new PromptEdit(m_textPrompts);
    m_promptB->setObjectName(QStringLiteral("promptB"));
    m_promptB->setToolTip(tr("Prompt B, the other end of the prompt interpolation."));
    auto* labelA = new QLabel(tr("Prompt &A:"), m_textPrompts);
    labelA->setBuddy(m_promptA);
    auto* labelB = new QLabel(tr("Prompt &B:"), m_textPrompts);
    labelB->setBuddy(m_promptB);
    textForm->addRow(labelA, m_promptA);
    textForm->addRow(labelB, m_promptB);
    // One line of fixed height that is always laid out: typing a partial word must not push the
    // controls down or widen the dock. The whole explanation is its tooltip (and the underline's).
    m_problem = new QLabel(m_textPrompts);
    m_problem->setObjectName(QStringLiteral("promptProblem"));
    m_problem->setWordWrap(false);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #d04040;"));
    m_problem->setFixedHeight(m_problem->fontMetrics().height() + 4);
    m_problem->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    textForm->addRow(m_problem);
    layout->addWidget(m_textPrompts);

    m_classPrompts = new QWidget(this);
    auto* classForm = new QFormLayout(m_classPrompts);
    classForm->setContentsMargins(0, 0, 0, 0);
    m_classA = new QComboBox(m_classPrompts);
    m_classA->setObjectName(QStringLiteral("classA"));
    m_classA->setToolTip(tr("Class A of this class-conditional model"));
    m_classB = new QComboBox(m_classPrompts);
    m_classB->setObjectName(QStringLiteral("classB"));
    m_classB->setToolTip(tr("Class B, the other end of the class interpolation"));
    auto* classLabelA = new QLabel(tr("Class A:"), m_classPrompts);
    classLabelA->setBuddy(m_classA);
    auto* classLabelB = new QLabel(tr("Class B:"), m_classPrompts);
    classLabelB->setBuddy(m_classB);
    classForm->addRow(classLabelA, m_classA);
    classForm->addRow(classLabelB, m_classB);
    // Searchable: type any part of a name ("panda", "retriever") and pick from the matches; Enter on
    // an exact name picks it. Text that names no class is put back when the field loses focus.
    for (QComboBox* combo : {m_classA, m_classB}) {
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->completer()->setFilterMode(Qt::MatchContains);
        combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        combo->lineEdit()->setPlaceholderText(tr("Type to search the classes"));
        connect(combo->lineEdit(), &QLineEdit::editingFinished, combo, [combo] {
            // A name typed in another case ("GIANT PANDA") picks that class, as Enter does; anything
            // else is put back, so the field never shows a class the state does not have.
            const int index = combo->findText(combo->currentText(), Qt::MatchFixedString);
            if (index < 0) {
                combo->setEditText(combo->itemText(combo->currentIndex()));
            } else if (index != combo->currentIndex() || combo->currentText() != combo->itemText(index)) {
                combo->setCurrentIndex(index);
                emit combo->activated(index);
            }
        });
    }
    layout->addWidget(m_classPrompts);

    m_promptT = new ValueSlider(tr("A→&B:"), 0.0, 1.0, 0.0, 3, this);
    m_promptT->setObjectName(QStringLiteral("promptT"));
    m_promptT->slider()->setObjectName(QStringLiteral("promptTSlider"));
    m_promptT->setToolTips(tr("Prompt interpolation: 0 renders prompt A, 1 prompt B; the seed stays fixed."));
    m_promptMode = new QComboBox(this);
    m_promptMode->addItem(tr("Linear (lerp)"));
    m_promptMode->addItem(tr("Spherical (slerp)"));
    m_promptMode->setToolTip(tr("How prompt features are blended between A and B"));
    auto* modeRow = new QHBoxLayout;
    auto* modeLabel = new QLabel(tr("Blend &mode:"), this);
    modeLabel->setBuddy(m_promptMode);
    modeRow->addWidget(modeLabel);
    modeRow->addWidget(m_promptMode, 1);
    layout->addWidget(m_promptT);
    layout->addLayout(modeRow);
    layout->addStretch(1);

    auto promptGesture = [this] { m_gesture = m_document->beginGesture(); };
    connect(m_promptA, &PromptEdit::editingStarted, this, promptGesture);
    connect(m_promptB, &PromptEdit::editingStarted, this, promptGesture);
    connect(m_promptA, &PromptEdit::promptEdited, this, [this](const QString& text) {
        m_document->editState(tr("Edit prompt A"), [&](lscore::EditState& s) { s.promptA = toStd(text); }, EditKind::PromptA, m_gesture);
    });
    connect(m_promptB, &PromptEdit::promptEdited, this, [this](const QString& text) {
        m_document->editState(tr("Edit prompt B"), [&](lscore::EditState& s) { s.promptB = toStd(text); }, EditKind::PromptB, m_gesture);
    });
    connect(m_classA, &QComboBox::activated, this, [this](int index) {
        m_document->editState(tr("Class A"), [&](lscore::EditState& s) { s.classA = index; }, EditKind::ClassA);
    });
    connect(m_classB, &QComboBox::activated, this, [this](int index) {
        m_document->editState(tr("Class B"), [&](lscore::EditState& s) { s.classB = index; }, EditKind::ClassB);
    });
    connect(m_promptT, &ValueSlider::gestureStarted, this, promptGesture);
    connect(m_promptT, &ValueSlider::valueEdited, this, [this](double t) {
        m_document->editState(tr("Prompt interpolation"), [&](lscore::EditState& s) { s.promptT = t; }, EditKind::PromptT, m_gesture);
    });
    connect(m_promptMode, &QComboBox::activated, this, [this](int index) {
        m_document->editState(tr("Prompt blend mode"), [&](lscore::EditState& s) {
            s.promptMode = index == 1 ? lscore::InterpolationMode::Slerp : lscore::InterpolationMode::Lerp;
        }, EditKind::PromptMode);
    });
}


void PromptsPanel::setConditioning(const lscore::Conditioning& conditioning, const QStringList& classNames)
{
    const bool text = conditioning.type == lscore::ConditioningType::Text;
    const bool classes = conditioning.type == lscore::ConditioningType::Class;
    for (PromptEdit* edit : {m_promptA, m_promptB})
        edit->setVocabulary(text ? conditioning.vocabulary : std::vector<std::string>{}, conditioning.context);
    m_textPrompts->setVisible(text);
    m_classPrompts->setVisible(classes);
    m_noPromptsNote->setVisible(!text && !classes);
    m_promptT->setEnabled(text || classes);
    m_promptMode->setEnabled(text || classes);
    for (QComboBox* combo : {m_classA, m_classB}) {
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItems(classNames);
    }
}

void PromptsPanel::showState(const lscore::EditState& state)
{
    m_promptA->setPrompt(toQString(state.promptA));
    m_promptB->setPrompt(toQString(state.promptB));
    {
        const QSignalBlocker a(m_classA), b(m_classB), mode(m_promptMode);
        m_classA->setCurrentIndex(state.classA);
        m_classB->setCurrentIndex(state.classB);
        m_promptMode->setCurrentIndex(state.promptMode == lscore::InterpolationMode::Slerp ? 1 : 0);
    }
    m_promptT->setValue(state.promptT);
}

void PromptsPanel::setProblem(const QString& problem)
{
    const QString firstLine = problem.section(QLatin1Char('\n'), 0, 0);
    m_problem->setText(m_problem->fontMetrics().elidedText(firstLine, Qt::ElideRight, std::max(80, m_problem->width())));
    m_problem->setToolTip(problem);
}

} // namespace lsui
