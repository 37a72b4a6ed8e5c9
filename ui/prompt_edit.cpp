#include "prompt_edit.h"

#include <algorithm>

#include <QAbstractItemView>
#include <QCompleter>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QTextBlock>
#include <QToolTip>

#include "lscore/edit_state.h"
#include "qt_bridge.h"

namespace lsui {

PromptEdit::PromptEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(3);

    m_words = new QStringListModel(this);
    m_completer = new QCompleter(m_words, this);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, &PromptEdit::insertCompletion);

    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        // Every entry point caps prompts at lscore::kMaxPromptBytes; a longer paste is cut there,
        // so what the editor holds is always what a session or PNG can keep.
        const QByteArray utf8 = toPlainText().toUtf8();
        if (static_cast<std::size_t>(utf8.size()) > lscore::kMaxPromptBytes) {
            QString cut = QString::fromUtf8(utf8.left(static_cast<qsizetype>(lscore::kMaxPromptBytes)));
            while (!cut.isEmpty() && cut.toUtf8().size() > static_cast<qsizetype>(lscore::kMaxPromptBytes)) cut.chop(1);
            if (cut.endsWith(QChar::ReplacementCharacter)) cut.chop(1);   // a character split at the cut
            const QSignalBlocker blocker(this);
            setPlainText(cut);
            moveCursor(QTextCursor::End);
        }
        recheck();
        if (!m_programmatic)
            emit promptEdited(toPlainText());
    });
}

void PromptEdit::setVocabulary(const std::vector<std::string>& vocabulary, int context)
{
    m_checking = !vocabulary.empty();
    m_tokenizer = m_checking ? lscore::WordTokenizer(vocabulary, context) : lscore::WordTokenizer();
    QStringList words;
    words.reserve(static_cast<qsizetype>(vocabulary.size()));
    for (const std::string& word : vocabulary)
        words.append(toQString(word));
    words.sort(Qt::CaseInsensitive);
    m_words->setStringList(words);
    recheck();
}

void PromptEdit::setPrompt(const QString& text)
{
    if (text == toPlainText())
        return;
    m_programmatic = true;
    const int cursorPosition = textCursor().position();
    setPlainText(text);
    QTextCursor cursor = textCursor();
    cursor.setPosition(std::min(cursorPosition, static_cast<int>(text.size())));
    setTextCursor(cursor);
    m_programmatic = false;
}

QString PromptEdit::problemSummary() const
{
    return m_checking ? toQString(m_check.message()) : QString();
}

int PromptEdit::toCharPosition(int utf8Offset) const
{
    if (m_charAtByte.empty()) return 0;
    return m_charAtByte[static_cast<std::size_t>(std::clamp(utf8Offset, 0, static_cast<int>(m_charAtByte.size()) - 1))];
}

void PromptEdit::recheck()
{
    QList<QTextEdit::ExtraSelection> selections;
    m_check = {};
    // One pass over the UTF-8 text maps byte offsets to QString (UTF-16) positions: a code point
    // of four bytes is two UTF-16 units, every other one.
    const QByteArray utf8 = toPlainText().toUtf8();
    m_charAtByte.assign(static_cast<std::size_t>(utf8.size()) + 1, 0);
    int units = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if ((byte & 0xC0) != 0x80) {
            m_charAtByte[static_cast<std::size_t>(i)] = units;
            units += byte >= 0xF0 ? 2 : 1;
        } else {
            m_charAtByte[static_cast<std::size_t>(i)] = m_charAtByte[static_cast<std::size_t>(i - 1)];
        }
    }
    m_charAtByte.back() = units;
    if (m_checking) {
        m_check = m_tokenizer.check(std::string(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        for (const lscore::UnknownWord& unknown : m_check.unknown) {
            QTextEdit::ExtraSelection selection;
            selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            selection.format.setUnderlineColor(QColor(220, 40, 40));
            selection.cursor = QTextCursor(document());
            selection.cursor.setPosition(toCharPosition(unknown.begin));
            selection.cursor.setPosition(toCharPosition(unknown.end), QTextCursor::KeepAnchor);
            selections.append(selection);
        }
    }
    setExtraSelections(selections);
}

bool PromptEdit::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_checking) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int position = cursorForPosition(viewport()->mapFromGlobal(help->globalPos())).position();
        for (const lscore::UnknownWord& unknown : m_check.unknown) {
            if (position >= toCharPosition(unknown.begin) && position <= toCharPosition(unknown.end)) {
                QString text = tr("“%1” is not in this model's vocabulary, so the model cannot read it.")
                                   .arg(toQString(unknown.word));
                if (!unknown.suggestions.empty()) {
                    QStringList suggestions;
                    for (const std::string& suggestion : unknown.suggestions)
                        suggestions.append(toQString(suggestion));
                    text += QLatin1Char('\n') + tr("Did you mean: %1?").arg(suggestions.join(QStringLiteral(", ")));
                }
                QToolTip::showText(help->globalPos(), text, this);
                return true;
            }
        }
        if (m_check.truncated) {
            QToolTip::showText(help->globalPos(),
                               tr("This prompt has more words than the model reads (%1); the rest is ignored.")
                                   .arg(m_tokenizer.context() - 2), this);
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void PromptEdit::keyPressEvent(QKeyEvent* event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter: case Qt::Key_Return: case Qt::Key_Escape: case Qt::Key_Tab: case Qt::Key_Backtab:
            event->ignore();  // the completer handles these
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();  // one line only
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    if (!event->text().isEmpty() || event->key() == Qt::Key_Backspace)
        updateCompletion();
}

void PromptEdit::focusInEvent(QFocusEvent* event)
{
    emit editingStarted();
    QPlainTextEdit::focusInEvent(event);
}

void PromptEdit::insertFromMimeData(const QMimeData* source)
{
    QString text = source->text();
    text.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    insertPlainText(text);
}

QString PromptEdit::wordBeforeCursor() const
{
    const QString text = toPlainText();
    int start = textCursor().position();
    while (start > 0 && text.at(start - 1).isLetterOrNumber())
        --start;
    return text.mid(start, textCursor().position() - start);
}

void PromptEdit::updateCompletion()
{
    if (!m_checking)
        return;
    const QString prefix = wordBeforeCursor();
    if (prefix.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    if (prefix != m_completer->completionPrefix()) {
        m_completer->setCompletionPrefix(prefix);
        m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    }
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion().compare(prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    QRect popupRect = cursorRect();
    popupRect.setWidth(m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(popupRect);
}

void PromptEdit::insertCompletion(const QString& word)
{
    QTextCursor cursor = textCursor();
    const int prefixLength = static_cast<int>(wordBeforeCursor().size());
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, prefixLength);
    cursor.insertText(word);
    setTextCursor(cursor);
}

QSize PromptEdit::sizeHint() const
{
    const int height = fontMetrics().lineSpacing() + 2 * (frameWidth() + 4) + 2;
    return {240, height};
}

QSize PromptEdit::minimumSizeHint() const { return {80, sizeHint().height()}; }

} // namespace lsui
