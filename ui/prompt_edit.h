#pragma once
// PromptEdit: a one-line prompt editor for text-conditioned models. Unknown words get a red wavy
// underline as the user types; hovering one shows why and the nearest known words; a completer
// offers the model's vocabulary for the word being typed.
//
//   auto* edit = new PromptEdit(parent);
//   edit->setVocabulary(description.conditioning.vocabulary, description.conditioning.context);
//   connect(edit, &PromptEdit::promptEdited, this, [](const QString& text) { ... });

#include <string>
#include <vector>

#include <QPlainTextEdit>
#include <QString>

#include "lscore/tokenizer.h"

class QCompleter;
class QStringListModel;

namespace lsui {

class PromptEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEdit(QWidget* parent = nullptr);

    // An empty vocabulary turns checking and completion off.
    void setVocabulary(const std::vector<std::string>& vocabulary, int context);

    QString prompt() const { return toPlainText(); }
    void setPrompt(const QString& text);   // programmatic: no promptEdited

    const lscore::PromptCheck& lastCheck() const { return m_check; }
    QString problemSummary() const;         // "" when the prompt is fine

signals:
    void promptEdited(const QString& text);  // user edits only
    void editingStarted();                   // focus in: a new undo gesture begins

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    bool event(QEvent* event) override;
    void insertFromMimeData(const QMimeData* source) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    void recheck();
    void updateCompletion();
    void insertCompletion(const QString& word);
    QString wordBeforeCursor() const;
    int toCharPosition(int utf8Offset) const;   // via m_charAtByte: linear in the prompt, once per check

    lscore::WordTokenizer m_tokenizer;
    bool m_checking = false;
    bool m_programmatic = false;
    lscore::PromptCheck m_check;
    std::vector<int> m_charAtByte;   // UTF-8 byte offset of the text -> QString position
    QCompleter* m_completer = nullptr;
    QStringListModel* m_words = nullptr;
};

} // namespace lsui
