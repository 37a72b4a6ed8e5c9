#include "comparison_panel.h"

#include <algorithm>
#include <optional>

#include <QCheckBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

#include "qt_bridge.h"

namespace lsui {

// A small square that paints one pane's image, fitted and centred.
class PaneImage : public QWidget {
public:
    explicit PaneImage(QWidget* parent) : QWidget(parent)
    {
        setMinimumSize(96, 96);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    void setImage(const QImage& image) { m_image = image; update(); }
    const QImage& image() const { return m_image; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Dark));
        if (m_image.isNull())
            return;
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const QSizeF shown = QSizeF(m_image.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
        painter.drawImage(QRectF(QPointF((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown), m_image);
    }

private:
    QImage m_image;
};

class PaneTile : public QFrame {
public:
    PaneTile(int index, QWidget* parent) : QFrame(parent)
    {
        setFrameShape(QFrame::StyledPanel);
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(4, 4, 4, 4);
        layout->setSpacing(3);
        image = new PaneImage(this);
        layout->addWidget(image, 1);
        prompt = new QLineEdit(this);
        prompt->setClearButtonEnabled(true);
        prompt->setObjectName(QStringLiteral("panePrompt%1").arg(index));
        layout->addWidget(prompt);
        auto* row = new QHBoxLayout;
        ownSeed = new QCheckBox(ComparisonPanel::tr("Seed"), this);
        ownSeed->setToolTip(ComparisonPanel::tr("Give this pane its own seed A instead of the main one."));
        seed = new QDoubleSpinBox(this);
        seed->setDecimals(0);
        seed->setRange(0.0, 4294967295.0);
        seed->setKeyboardTracking(false);
        seed->setToolTip(ComparisonPanel::tr("This pane's seed A."));
        promote = new QToolButton(this);
        promote->setText(ComparisonPanel::tr("Promote"));
        promote->setToolTip(ComparisonPanel::tr("Make this pane's prompt and seed the main state."));
        row->addWidget(ownSeed);
        row->addWidget(seed, 1);
        row->addWidget(promote);
        layout->addLayout(row);
        position = new QLabel(this);
        position->setObjectName(QStringLiteral("paneT%1").arg(index));
        position->setToolTip(ComparisonPanel::tr("This pane's place between A and B (set by the walk A → B grid)."));
        position->setVisible(false);
        layout->addWidget(position);
    }

    void setT(std::optional<double> value)
    {
        t = value;
        position->setVisible(t.has_value());
        if (t) position->setText(ComparisonPanel::tr("A → B: %1").arg(*t, 0, 'f', 2));
    }

    PaneImage* image = nullptr;
    QLineEdit* prompt = nullptr;
    QCheckBox* ownSeed = nullptr;
    QDoubleSpinBox* seed = nullptr;
    QToolButton* promote = nullptr;
    QLabel* position = nullptr;
    std::optional<double> t;
};

ComparisonPanel::ComparisonPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    auto* countLabel = new QLabel(tr("&Panes:"), this);
    m_count = new QSpinBox(this);
    m_count->setRange(kMinPanes, kMaxPanes);
    m_count->setToolTip(tr("How many panes to compare (2–16). All render together in one batch."));
    countLabel->setBuddy(m_count);
    auto* columnsLabel = new QLabel(tr("C&olumns:"), this);
    m_columns = new QSpinBox(this);
    m_columns->setRange(1, 8);
    m_columns->setToolTip(tr("Panes per row, in the panel and in the saved grid image."));
    columnsLabel->setBuddy(m_columns);
    auto* walk = m_walk = new QPushButton(tr("&Walk A → B"), this);
    walk->setObjectName(QStringLiteral("walkGrid"));
    walk->setToolTip(tr("Fill the grid with rows of seeds (seed A, A+1, …), each walking from prompt or class A to B "
                        "across its columns — the BigGAN demo's interpolation grid, rendered in one batch."));
    auto* save = new QPushButton(tr("Save &Grid…"), this);
    save->setToolTip(tr("Save all panes as one PNG image."));
    controls->addWidget(countLabel);
    controls->addWidget(m_count);
    controls->addWidget(columnsLabel);
    controls->addWidget(m_columns);
    controls->addStretch(1);
    controls->addWidget(walk);
    controls->addWidget(save);
    outer->addLayout(controls);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* gridHost = new QWidget(scroll);
    m_grid = new QGridLayout(gridHost);
    m_grid->setSpacing(4);
    scroll->setWidget(gridHost);
    outer->addWidget(scroll, 1);
    m_words = new QStringListModel(this);

    connect(m_count, &QSpinBox::valueChanged, this, [this](int count) {
        if (m_updating)
            return;
        rebuildTiles(count);
        emit gestureStarted();
        emitEdited();
    });
    connect(m_columns, &QSpinBox::valueChanged, this, [this] {
        if (m_updating)
            return;
        relayout();
        emit gestureStarted();
        emitEdited();
    });
    connect(save, &QPushButton::clicked, this, &ComparisonPanel::saveGridRequested);
    connect(walk, &QPushButton::clicked, this, &ComparisonPanel::walkGridRequested);
}

void ComparisonPanel::setPromptHint(const QString& hint, bool promptsEnabled)
{
    m_promptHint = hint;
    m_promptsEnabled = promptsEnabled;
    for (PaneTile* tile : std::as_const(m_tiles)) {
        tile->prompt->setPlaceholderText(hint);
        tile->prompt->setToolTip(hint);
        tile->prompt->setEnabled(promptsEnabled);
    }
}

void ComparisonPanel::setCompletionWords(const QStringList& words) { m_words->setStringList(words); }

void ComparisonPanel::setWalkAvailable(bool available) { m_walk->setEnabled(available); }

void ComparisonPanel::rebuildTiles(int count)
{
    count = std::clamp(count, kMinPanes, kMaxPanes);
    while (m_tiles.size() > count)
        delete m_tiles.takeLast();
    while (m_tiles.size() < count) {
        const int index = static_cast<int>(m_tiles.size());
        auto* tile = new PaneTile(index, m_grid->parentWidget());
        tile->prompt->setPlaceholderText(m_promptHint);
        tile->prompt->setToolTip(m_promptHint);
        tile->prompt->setEnabled(m_promptsEnabled);
        auto* completer = new QCompleter(m_words, tile->prompt);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        tile->prompt->setCompleter(completer);
        tile->seed->setValue(index);
        tile->seed->setEnabled(false);
        connect(tile->prompt, &QLineEdit::textEdited, this, [this] { emit gestureStarted(); emitEdited(); });
        connect(tile->ownSeed, &QCheckBox::toggled, this, [this, tile](bool on) {
            tile->seed->setEnabled(on);
            if (!m_updating) { emit gestureStarted(); emitEdited(); }
        });
        connect(tile->seed, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!m_updating) { emit gestureStarted(); emitEdited(); }
        });
        connect(tile->promote, &QToolButton::clicked, this, [this, tile] {
            emit promoteRequested(static_cast<int>(m_tiles.indexOf(tile)));
        });
        m_tiles.append(tile);
    }
    relayout();
}

void ComparisonPanel::relayout()
{
    const int columns = std::max(1, m_columns->value());
    for (PaneTile* tile : std::as_const(m_tiles))
        m_grid->removeWidget(tile);
    for (qsizetype i = 0; i < m_tiles.size(); ++i)
        m_grid->addWidget(m_tiles[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns);
}

void ComparisonPanel::setPanes(const std::vector<lscore::ComparisonPane>& panes, int columns)
{
    m_updating = true;
    m_count->setValue(std::clamp(static_cast<int>(panes.size()), kMinPanes, kMaxPanes));
    m_columns->setValue(std::clamp(columns, 1, 8));
    if (m_tiles.size() != m_count->value())
        rebuildTiles(m_count->value());
    else
        relayout();
    for (qsizetype i = 0; i < m_tiles.size(); ++i) {
        PaneTile* tile = m_tiles[i];
        const auto index = static_cast<std::size_t>(i);
        const lscore::ComparisonPane pane = index < panes.size() ? panes[index] : lscore::ComparisonPane{};
        if (tile->prompt->text() != toQString(pane.prompt))
            tile->prompt->setText(toQString(pane.prompt));
        tile->ownSeed->setChecked(pane.seed.has_value());
        tile->seed->setEnabled(pane.seed.has_value());
        if (pane.seed)
            tile->seed->setValue(static_cast<double>(*pane.seed));
        tile->setT(pane.t);
    }
    m_updating = false;
}

std::vector<lscore::ComparisonPane> ComparisonPanel::currentPanes() const
{
    std::vector<lscore::ComparisonPane> panes;
    for (const PaneTile* tile : m_tiles) {
        lscore::ComparisonPane pane;
        pane.prompt = toStd(tile->prompt->text());
        if (tile->ownSeed->isChecked())
            pane.seed = static_cast<std::uint32_t>(tile->seed->value());
        pane.t = tile->t;
        panes.push_back(std::move(pane));
    }
    return panes;
}

void ComparisonPanel::emitEdited() { emit panesEdited(currentPanes(), m_columns->value()); }

void ComparisonPanel::setImages(const QList<QImage>& images)
{
    for (qsizetype i = 0; i < m_tiles.size(); ++i)
        m_tiles[i]->image->setImage(i < images.size() ? images[i] : QImage());
}

QList<QImage> ComparisonPanel::images() const
{
    QList<QImage> result;
    for (const PaneTile* tile : m_tiles)
        result.append(tile->image->image());
    return result;
}

QImage ComparisonPanel::gridImage(const QStringList& labels) const
{
    const QList<QImage> all = images();
    if (all.isEmpty() || std::any_of(all.begin(), all.end(), [](const QImage& image) { return image.isNull(); }))
        return {};
    constexpr int kGap = 4;
    const int columns = std::max(1, std::min(m_columns->value(), static_cast<int>(all.size())));
    const int rows = static_cast<int>((all.size() + columns - 1) / columns);
    const QSize cell = all.front().size();
    // The label band scales with the image so that it stays legible on large models and small on
    // small ones, within sane bounds.
    QFont font = this->font();
    font.setPixelSize(std::clamp(cell.width() / 14, 9, 28));
    const int band = labels.isEmpty() ? 0 : QFontMetrics(font).height() + 6;
    const int pitchY = cell.height() + band + kGap;
    QImage grid(columns * cell.width() + (columns - 1) * kGap, rows * pitchY - kGap, QImage::Format_RGB888);
    grid.fill(Qt::white);
    QPainter painter(&grid);
    painter.setFont(font);
    painter.setPen(Qt::black);
    for (qsizetype i = 0; i < all.size(); ++i) {
        const int column = static_cast<int>(i) % columns;
        const int row = static_cast<int>(i) / columns;
        const QPoint origin(column * (cell.width() + kGap), row * pitchY);
        painter.drawImage(QRect(origin, cell), all[i]);
        if (band > 0 && i < labels.size()) {
            const QRect text(origin.x() + 3, origin.y() + cell.height(), cell.width() - 6, band);
            painter.drawText(text, Qt::AlignCenter, painter.fontMetrics().elidedText(labels[i], Qt::ElideRight, text.width()));
        }
    }
    return grid;
}

} // namespace lsui
