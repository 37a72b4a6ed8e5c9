#include "keyframe_strip.h"

#include <algorithm>

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace lsui {

namespace {

constexpr int kThumbnailSize = 72;
constexpr int kLabelWidth = 96;      // the label beside each thumbnail, in pixels
constexpr int kIndexRole = Qt::UserRole + 1;   // the keyframe's index when the list was built

QIcon iconFor(const QImage& image)
{
    QPixmap pixmap(kThumbnailSize, kThumbnailSize);
    pixmap.fill(Qt::darkGray);
    if (!image.isNull()) {
        QPainter painter(&pixmap);
        painter.drawImage(pixmap.rect(), image.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }
    return QIcon(pixmap);
}

} // namespace

KeyframeStrip::KeyframeStrip(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    // List mode laid out left to right, not icon mode: an icon-mode drag moves the item's position
    // on a free canvas (leaving a gap, the order unchanged), while a list-mode drag moves the row,
    // which is the reorder the path needs. Icons above their labels keep the thumbnail look.
    m_list->setViewMode(QListView::ListMode);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(false);
    m_list->setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setDragEnabled(true);
    m_list->setAcceptDrops(true);
    m_list->setDropIndicatorShown(true);
    // A fixed cell per keyframe, thumbnail then a two-line label elided to the cell (rebuildList()),
    // so a long prompt never runs under the next thumbnail.
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(3);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setFixedHeight(kThumbnailSize + 40);
    m_list->setToolTip(tr("Keyframes: drag to reorder, double-click to load into the editor"));

    auto* add = new QPushButton(tr("Add keyframe"), this);
    add->setToolTip(tr("Add the current edit state as a keyframe"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_earlier = new QPushButton(QStringLiteral("◀"), this);
    m_earlier->setToolTip(tr("Move the selected keyframe earlier in the path"));
    m_later = new QPushButton(QStringLiteral("▶"), this);
    m_later->setToolTip(tr("Move the selected keyframe later in the path"));
    for (QPushButton* button : {m_earlier, m_later})
        button->setFixedWidth(button->sizeHint().height() + 8);
    m_frames = new QSpinBox(this);
    m_frames->setRange(1, lscore::kMaxFramesPerSegment);
    // The suffix follows the count ("1 frame", "2 frames"), set before the value is shown.
    const auto updateFramesSuffix = [this](int frames) { m_frames->setSuffix(frames == 1 ? tr(" frame") : tr(" frames")); };
    updateFramesSuffix(m_frames->value());
    connect(m_frames, &QSpinBox::valueChanged, this, updateFramesSuffix);
    m_frames->setToolTip(tr("Frames from the selected keyframe to the next"));
    m_easing = new QComboBox(this);
    m_easing->addItem(tr("Linear"), int(lscore::Easing::Linear));
    m_easing->addItem(tr("Ease in-out"), int(lscore::Easing::EaseInOut));
    m_easing->addItem(tr("Smoothstep"), int(lscore::Easing::Smoothstep));
    m_repeat = new QComboBox(this);
    m_repeat->addItem(tr("Play once"), int(lscore::PathRepeat::Once));
    m_repeat->addItem(tr("Loop"), int(lscore::PathRepeat::Loop));
    m_repeat->addItem(tr("Ping-pong"), int(lscore::PathRepeat::PingPong));
    m_scrub = new QSlider(Qt::Horizontal, this);
    m_scrub->setToolTip(tr("Scrub through the path to preview any frame"));
    m_position = new QLabel(this);

    auto* controls = m_controls = new QHBoxLayout;
    controls->addWidget(add);
    controls->addWidget(m_remove);
    controls->addWidget(m_earlier);
    controls->addWidget(m_later);
    controls->addWidget(m_frames);
    controls->addWidget(m_easing);
    controls->addWidget(m_repeat);
    controls->addWidget(m_scrub, 1);
    controls->addWidget(m_position);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(controls);

    connect(add, &QPushButton::clicked, this, &KeyframeStrip::addCurrentRequested);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int index = selectedKeyframe();
        if (index < 0) return;
        m_path.keyframes.erase(m_path.keyframes.begin() + index);
        m_thumbnails.erase(m_thumbnails.begin() + index);
        rebuildList();
        emitChanged();
    });
    connect(m_earlier, &QPushButton::clicked, this, [this] { moveKeyframe(selectedKeyframe(), selectedKeyframe() - 1); });
    connect(m_later, &QPushButton::clicked, this, [this] { moveKeyframe(selectedKeyframe(), selectedKeyframe() + 1); });
    connect(m_frames, &QSpinBox::valueChanged, this, [this](int frames) {
        const int index = selectedKeyframe();
        if (m_updating || index < 0) return;
        m_path.keyframes[static_cast<std::size_t>(index)].framesToNext = frames;
        emitChanged();
    });
    connect(m_easing, &QComboBox::currentIndexChanged, this, [this] {
        const int index = selectedKeyframe();
        if (m_updating || index < 0) return;
        m_path.keyframes[static_cast<std::size_t>(index)].easing = lscore::Easing(m_easing->currentData().toInt());
        emitChanged();
    });
    connect(m_repeat, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating) return;
        m_path.repeat = lscore::PathRepeat(m_repeat->currentData().toInt());
        emitChanged();
    });
    connect(m_scrub, &QSlider::valueChanged, this, [this](int frame) {
        m_position->setText(tr("frame %1 of 0–%2").arg(frame).arg(std::max(0, m_path.frameCount() - 1)));
        if (!m_updating && m_path.frameCount() > 0) emit previewRequested(m_path.stateAt(frame));
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        syncControls();
        if (!m_updating && row >= 0 && row < static_cast<int>(m_path.keyframes.size()))
            emit previewRequested(m_path.keyframes[static_cast<std::size_t>(row)].state);
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < static_cast<int>(m_path.keyframes.size()))
            emit keyframeActivated(m_path.keyframes[static_cast<std::size_t>(row)].state);
    });
    // A drag-and-drop move shows up in the model either as rows moved or as the dragged row inserted
    // at the drop and then removed where it was; once the model has settled, apply its order.
    auto queueReorder = [this] {
        if (!m_updating && !m_reorderQueued) {
            m_reorderQueued = true;
            QTimer::singleShot(0, this, &KeyframeStrip::reorderFromList);
        }
    };
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, queueReorder);
    connect(m_list->model(), &QAbstractItemModel::rowsInserted, this, queueReorder);
    connect(m_list->model(), &QAbstractItemModel::rowsRemoved, this, queueReorder);
    rebuildList();
}

void KeyframeStrip::setPath(const lscore::KeyframePath& path)
{
    m_path = path;
    m_thumbnails.assign(path.keyframes.size(), QImage());
    rebuildList();
}

void KeyframeStrip::addKeyframe(const lscore::EditState& state, const QImage& thumbnail)
{
    const int after = selectedKeyframe();
    const std::size_t position = after < 0 ? m_path.keyframes.size() : static_cast<std::size_t>(after) + 1;
    lscore::Keyframe keyframe;
    keyframe.state = state;
    if (!m_path.keyframes.empty()) {
        // New keyframes inherit the timing of their neighbour, so a path keeps a consistent pace.
        const auto& neighbour = m_path.keyframes[std::min(position, m_path.keyframes.size()) - 1];
        keyframe.framesToNext = neighbour.framesToNext;
        keyframe.easing = neighbour.easing;
    }
    m_path.keyframes.insert(m_path.keyframes.begin() + static_cast<std::ptrdiff_t>(position), keyframe);
    m_thumbnails.insert(m_thumbnails.begin() + static_cast<std::ptrdiff_t>(position), thumbnail);
    rebuildList();
    m_list->setCurrentRow(static_cast<int>(position));
    emitChanged();
}

void KeyframeStrip::moveKeyframe(int from, int to)
{
    const int count = static_cast<int>(m_path.keyframes.size());
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return;
    const auto take = [&](auto& items) {
        auto item = std::move(items[static_cast<std::size_t>(from)]);
        items.erase(items.begin() + from);
        items.insert(items.begin() + to, std::move(item));
    };
    take(m_path.keyframes);
    take(m_thumbnails);
    rebuildList();
    m_list->setCurrentRow(to);
    emitChanged();
}

void KeyframeStrip::setThumbnail(int keyframe, const QImage& thumbnail)
{
    if (keyframe < 0 || keyframe >= static_cast<int>(m_thumbnails.size())) return;
    m_thumbnails[static_cast<std::size_t>(keyframe)] = thumbnail;
    if (QListWidgetItem* item = m_list->item(keyframe)) item->setIcon(iconFor(thumbnail));
}

void KeyframeStrip::setPlayAction(QAction* play)
{
    auto* button = new QToolButton(this);
    button->setDefaultAction(play);
    button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_controls->insertWidget(0, button);
}

void KeyframeStrip::showPlaybackFrame(int frame)
{
    m_updating = true;
    m_scrub->setValue(frame);
    m_updating = false;
}

QImage KeyframeStrip::thumbnail(int keyframe) const
{
    return keyframe >= 0 && keyframe < static_cast<int>(m_thumbnails.size()) ? m_thumbnails[static_cast<std::size_t>(keyframe)]
                                                                             : QImage();
}

int KeyframeStrip::selectedKeyframe() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < static_cast<int>(m_path.keyframes.size()) ? row : -1;
}

void KeyframeStrip::rebuildList()
{
    m_updating = true;
    const int previous = m_list->currentRow();
    m_list->clear();
    for (std::size_t i = 0; i < m_path.keyframes.size(); ++i) {
        const auto& state = m_path.keyframes[i].state;
        // The prompt says most about a keyframe of a text model; the seed is the rest of its identity.
        const QString prompt = QString::fromStdString(state.promptA);
        const QFontMetrics metrics(m_list->font());
        const QString first = metrics.elidedText(prompt.isEmpty() ? QString::number(i + 1) : QStringLiteral("%1: %2").arg(i + 1).arg(prompt),
                                                 Qt::ElideRight, kLabelWidth);
        const QString label = first + QLatin1Char('\n') + tr("seed %1").arg(state.seedA);
        auto* item = new QListWidgetItem(iconFor(m_thumbnails[i]), label, m_list);
        item->setSizeHint(QSize(kThumbnailSize + kLabelWidth + 12, kThumbnailSize + 6));
        item->setData(kIndexRole, static_cast<int>(i));
        item->setToolTip(tr("%1 — seed %2").arg(prompt.isEmpty() ? tr("no prompt") : prompt).arg(state.seedA));
    }
    m_list->setCurrentRow(std::min(previous, m_list->count() - 1));
    m_repeat->setCurrentIndex(m_repeat->findData(int(m_path.repeat)));
    m_scrub->setRange(0, std::max(0, m_path.frameCount() - 1));
    m_position->setText(tr("frame %1 of 0–%2").arg(m_scrub->value()).arg(std::max(0, m_path.frameCount() - 1)));
    m_updating = false;
    syncControls();
}

void KeyframeStrip::syncControls()
{
    m_updating = true;
    const int index = selectedKeyframe();
    m_remove->setEnabled(index >= 0);
    m_earlier->setEnabled(index > 0);
    m_later->setEnabled(index >= 0 && index + 1 < static_cast<int>(m_path.keyframes.size()));
    m_frames->setEnabled(index >= 0);
    m_easing->setEnabled(index >= 0);
    if (index >= 0) {
        const auto& keyframe = m_path.keyframes[static_cast<std::size_t>(index)];
        m_frames->setValue(keyframe.framesToNext);
        m_easing->setCurrentIndex(m_easing->findData(int(keyframe.easing)));
    }
    m_updating = false;
}

void KeyframeStrip::emitChanged()
{
    m_updating = true;
    m_scrub->setRange(0, std::max(0, m_path.frameCount() - 1));
    m_updating = false;
    emit pathChanged(m_path);
}

void KeyframeStrip::reorderFromList()
{
    m_reorderQueued = false;
    if (m_list->count() != static_cast<int>(m_path.keyframes.size()))
        return;   // mid-drop (the moved row is in two places): the removal will queue this again
    lscore::KeyframePath reordered = m_path;
    std::vector<QImage> thumbnails;
    reordered.keyframes.clear();
    for (int row = 0; row < m_list->count(); ++row) {
        const int original = m_list->item(row)->data(kIndexRole).toInt();
        if (original < 0 || original >= static_cast<int>(m_path.keyframes.size())) return;
        reordered.keyframes.push_back(m_path.keyframes[static_cast<std::size_t>(original)]);
        thumbnails.push_back(m_thumbnails[static_cast<std::size_t>(original)]);
    }
    if (reordered == m_path)
        return;
    const int moved = m_list->currentRow();
    m_path = std::move(reordered);
    m_thumbnails = std::move(thumbnails);
    rebuildList();
    m_list->setCurrentRow(moved);
    emitChanged();
}

} // namespace lsui
