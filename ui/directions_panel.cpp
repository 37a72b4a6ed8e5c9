#include "directions_panel.h"

#include <algorithm>
#include <atomic>

#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "qt_bridge.h"
#include "studio_document.h"
#include "value_slider.h"

namespace lsui {
namespace {

constexpr int kStripSteps = 7;             // −3σ … +3σ
constexpr double kStripSigma = 3.0;
constexpr int kStripThumbnail = 72;        // px
constexpr double kSliderSpanSigma = 5.0;   // the slider's span; typed values reach kMaxDirectionAmount

// The parts of a direction that make it the same move (the amount aside): rows are rebuilt only
// when these change, so a drag never recreates the slider under the mouse.
bool sameMoves(const std::vector<lscore::DirectionEdit>& a, const std::vector<lscore::DirectionEdit>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].vector != b[i].vector || a[i].sigma != b[i].sigma || a[i].firstLayer != b[i].firstLayer
            || a[i].endLayer != b[i].endLayer)
            return false;
    return true;
}

} // namespace

DirectionsPanel::DirectionsPanel(StudioDocument* document, RenderService* service, QWidget* parent)
    : QWidget(parent), m_document(document), m_service(service)
{
    auto* layout = new QVBoxLayout(this);

    auto* search = new QGroupBox(tr("Find directions"), this);
    auto* form = new QFormLayout(search);
    m_method = new QComboBox(search);
    m_method->setObjectName(QStringLiteral("directionMethod"));
    m_method->addItem(tr("SeFa (closed form, instant)"));
    m_method->addItem(tr("GANSpace (PCA of sampled w)"));
    m_method->setToolTip(tr("SeFa factorises the layers' style weights; GANSpace finds the axes along which the model's w "
                            "vary most over many samples."));
    form->addRow(tr("&Method:"), m_method);
    m_searchLayers = new QComboBox(search);
    m_searchLayers->setObjectName(QStringLiteral("directionSearchLayers"));
    m_searchLayers->addItems({tr("All layers"), tr("Coarse (layout)"), tr("Middle"), tr("Fine (colour, texture)")});
    m_searchLayers->setToolTip(tr("SeFa factorises these layers' weights; the directions found move these layers."));
    form->addRow(tr("&Layers:"), m_searchLayers);
    m_count = new QSpinBox(search);
    m_count->setObjectName(QStringLiteral("directionCount"));
    m_count->setRange(1, 32);
    m_count->setValue(8);
    form->addRow(tr("&Count:"), m_count);
    m_samples = new QSpinBox(search);
    m_samples->setObjectName(QStringLiteral("directionSamples"));
    m_samples->setRange(100, lscore::kMaxGanSpaceSamples);
    m_samples->setSingleStep(1000);
    m_samples->setValue(10000);
    m_samples->setGroupSeparatorShown(true);
    m_samples->setToolTip(tr("GANSpace: how many mapped w to analyse (10,000 is plenty)."));
    form->addRow(tr("&Samples:"), m_samples);
    auto* findRow = new QHBoxLayout;
    m_find = new QPushButton(tr("&Find"), search);
    m_find->setObjectName(QStringLiteral("findDirections"));
    m_cancelFind = new QPushButton(tr("Cancel"), search);
    m_cancelFind->setObjectName(QStringLiteral("cancelFindDirections"));
    m_cancelFind->hide();
    m_progress = new QProgressBar(search);
    m_progress->setRange(0, 100);
    m_progress->hide();
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_percent) m_progress->setValue(m_percent->load());
    });
    findRow->addWidget(m_find);
    findRow->addWidget(m_progress, 1);
    findRow->addWidget(m_cancelFind);
    form->addRow(findRow);
    layout->addWidget(search);

    auto* make = new QGroupBox(tr("From two states"), this);
    auto* makeRow = new QGridLayout(make);
    m_fromSeeds = new QPushButton(tr("Seed A → seed B"), make);
    m_fromSeeds->setObjectName(QStringLiteral("directionFromSeeds"));
    m_fromSeeds->setToolTip(tr("A direction from seed A's w to seed B's: amount 1 adds exactly their difference to any state."));
    m_fromPrompts = new QPushButton(tr("Prompt A → prompt B"), make);
    m_fromPrompts->setObjectName(QStringLiteral("directionFromPrompts"));
    m_fromPrompts->setToolTip(tr("A direction from prompt (or class) A's w to B's, for seed A: e.g. “a smiling face” − “a face”."));
    m_open = new QPushButton(tr("&Open…"), make);
    m_save = new QPushButton(tr("Sa&ve…"), make);
    makeRow->addWidget(m_fromSeeds, 0, 0);
    makeRow->addWidget(m_fromPrompts, 0, 1);
    makeRow->addWidget(m_open, 1, 0);
    makeRow->addWidget(m_save, 1, 1);
    layout->addWidget(make);

    m_empty = new QLabel(tr("No directions yet: find some, or make one from two states."), this);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    m_rowsLayout = new QVBoxLayout;
    layout->addLayout(m_rowsLayout);

    m_strip = new QWidget(this);
    m_strip->setObjectName(QStringLiteral("directionStrip"));
    auto* stripLayout = new QVBoxLayout(m_strip);
    stripLayout->setContentsMargins(0, 0, 0, 0);
    m_stripTitle = new QLabel(m_strip);
    stripLayout->addWidget(m_stripTitle);
    auto* images = new QGridLayout;
    for (int i = 0; i < kStripSteps; ++i) {
        auto* image = new QLabel(m_strip);
        image->setFixedSize(kStripThumbnail, kStripThumbnail);
        image->setAlignment(Qt::AlignCenter);
        image->setFrameShape(QFrame::StyledPanel);
        const double sigma = -kStripSigma + 2.0 * kStripSigma * i / (kStripSteps - 1);
        auto* caption = new QLabel(QStringLiteral("%1σ").arg(sigma, 0, 'f', 0), m_strip);
        caption->setAlignment(Qt::AlignCenter);
        images->addWidget(image, 0, i);
        images->addWidget(caption, 1, i);
        m_stripImages.push_back(image);
    }
    stripLayout->addLayout(images);
    m_strip->hide();
    layout->addWidget(m_strip);
    layout->addStretch(1);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this](int method) { m_samples->setEnabled(method == 1); });
    m_samples->setEnabled(false);
    connect(m_find, &QPushButton::clicked, this, &DirectionsPanel::find);
    connect(m_cancelFind, &QPushButton::clicked, this, &DirectionsPanel::cancelFind);
    connect(m_fromSeeds, &QPushButton::clicked, this, [this] {
        const auto& s = m_document->state().edit;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Direction from two seeds"), tr("Name:"), QLineEdit::Normal,
                                                   tr("seed %1 → seed %2").arg(s.seedA).arg(s.seedB), &ok);
        if (ok) addFromSeeds(name);
    });
    connect(m_fromPrompts, &QPushButton::clicked, this, [this] {
        const auto& s = m_document->state().edit;
        const bool classes = m_model && m_model->description.conditioning.type == lscore::ConditioningType::Class;
        bool ok = false;
        const QString suggestion = classes ? tr("class %1 → class %2").arg(s.classA).arg(s.classB)
                                           : tr("%1 → %2").arg(toQString(s.promptA), toQString(s.promptB));
        const QString name = QInputDialog::getText(this, tr("Direction from two prompts"), tr("Name:"), QLineEdit::Normal,
                                                   suggestion, &ok);
        if (ok) addFromPrompts(name);
    });
    connect(m_open, &QPushButton::clicked, this, &DirectionsPanel::openFile);
    connect(m_save, &QPushButton::clicked, this, &DirectionsPanel::saveFile);
    setModel(nullptr);
}

DirectionsPanel::~DirectionsPanel()
{
    if (m_cancel) m_cancel->store(true);
}

void DirectionsPanel::setModel(const ModelInfo* model)
{
    cancelFind();
    m_model = model ? std::optional<ModelInfo>(*model) : std::nullopt;
    const bool usable = m_model && m_model->hasWSpace;
    const bool conditional = m_model && m_model->description.conditioning.type != lscore::ConditioningType::None;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_find, m_fromSeeds, m_open, m_save}) widget->setEnabled(usable);
    m_fromPrompts->setEnabled(usable && conditional);
    m_empty->setText(usable || !m_model ? tr("No directions yet: find some, or make one from two states.")
                                        : tr("This model has no W space (BigGAN): directions do not apply to it."));
    m_strip->hide();
    m_stripDirection = -1;
    m_shownDirections.clear();
    rebuildRows(m_document->state().edit);
}

lscore::DirectionSearch DirectionsPanel::currentSearch() const
{
    lscore::DirectionSearch search;
    search.method = m_method->currentIndex() == 1 ? lscore::DirectionMethod::GanSpace : lscore::DirectionMethod::Sefa;
    std::tie(search.firstLayer, search.endLayer) = presetRange(m_searchLayers->currentIndex());
    search.count = m_count->value();
    search.samples = std::max(m_samples->value(), 2 * search.count);
    search.condition = m_document->state().edit;
    search.condition.directions.clear();
    return search;
}

QString DirectionsPanel::cacheFileFor(const lscore::DirectionSearch& search) const
{
    if (!m_model) return {};
    // Everything the answer depends on: the model, the settings, the condition.
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                            .arg(m_model->hash, QString::fromLatin1(lscore::toString(search.method)))
                            .arg(search.firstLayer).arg(search.endLayer).arg(search.count).arg(search.samples)
                            .arg(toQString(search.condition.promptA)).arg(search.condition.classA);
    const QString name = QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/directions/") + name
           + QStringLiteral(".json");
}

void DirectionsPanel::find()
{
    if (!m_model || !m_model->hasWSpace || !m_service || m_cancel) return;
    lscore::DirectionSearch search = currentSearch();
    if (search.firstLayer == 0 && search.endLayer == 0) {
        emit notice(tr("This model has no layers of that kind."), true);
        return;
    }
    // GANSpace results are cached per model hash and settings: in memory for this run, and on disk.
    QString cacheFile;
    if (search.method == lscore::DirectionMethod::GanSpace) {
        cacheFile = cacheFileFor(search);
        if (const auto it = m_found.constFind(cacheFile); it != m_found.constEnd()) {
            addFoundDirections(*it, tr("Find GANSpace directions"));
            return;
        }
        if (auto cached = lscore::loadDirections(toStd(cacheFile), toStd(m_model->hash), m_model->description.wDim)) {
            m_found.insert(cacheFile, *cached);
            addFoundDirections(*cached, tr("Find GANSpace directions"));
            return;
        }
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_find->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(search.method == lscore::DirectionMethod::GanSpace);
    m_cancelFind->setVisible(search.method == lscore::DirectionMethod::GanSpace);
    // The task runs on the render thread: it touches no widget and no QPointer there. Progress goes
    // through an atomic that a timer here reads; the answer is posted to the service (which outlives
    // every task) and reaches the panel on this thread, if it still exists.
    auto cancel = m_cancel;
    auto percent = m_percent = std::make_shared<std::atomic_int>(0);
    m_progressTimer->start();
    RenderService* service = m_service.data();
    const QString hash = m_model->hash;
    m_service->runOnEngine([self = QPointer<DirectionsPanel>(this), service, search, cancel, percent, cacheFile,
                            hash](lscore::Engine* engine) mutable {
        lscore::Result<lscore::DirectionSet> result = lscore::makeError("cancelled");
        if (engine && !cancel->load() && toQString(engine->modelHash()) == hash) {   // else another model opened meanwhile
            search.cancel = cancel.get();
            search.progress = [percent](double fraction) { percent->store(static_cast<int>(fraction * 100.0)); };
            result = engine->findDirections(search);
            search.progress = nullptr;
            search.cancel = nullptr;
        }
        QMetaObject::invokeMethod(service, [self = std::move(self), search, result = std::move(result), cacheFile, cancel]() mutable {
            if (self && self->m_cancel == cancel) self->finishSearch(search, std::move(result), cacheFile);
        }, Qt::QueuedConnection);
    });
}

void DirectionsPanel::cancelFind()
{
    if (!m_cancel) return;
    m_cancel->store(true);
    m_cancel.reset();
    m_progressTimer->stop();
    m_find->setEnabled(m_model && m_model->hasWSpace);
    m_progress->hide();
    m_cancelFind->hide();
}

void DirectionsPanel::finishSearch(const lscore::DirectionSearch& search, lscore::Result<lscore::DirectionSet> result, const QString& cacheFile)
{
    m_cancel.reset();
    m_progressTimer->stop();
    m_find->setEnabled(m_model && m_model->hasWSpace);
    m_progress->hide();
    m_cancelFind->hide();
    if (!result) {
        emit notice(tr("Finding directions failed: %1").arg(toQString(result.error())), true);
        return;
    }
    if (!cacheFile.isEmpty()) {
        m_found.insert(cacheFile, *result);
        QDir().mkpath(QFileInfo(cacheFile).absolutePath());
        (void)lscore::saveDirections(*result, toStd(cacheFile));   // a cache: a failed write only costs a recomputation
    }
    addFoundDirections(*result, search.method == lscore::DirectionMethod::Sefa ? tr("Find SeFa directions") : tr("Find GANSpace directions"));
}

void DirectionsPanel::addFoundDirections(const lscore::DirectionSet& set, const QString& editName)
{
    m_document->editState(editName, [&](lscore::EditState& s) {
        // A new search replaces the untouched directions of an earlier one of its kind; moved ones stay.
        std::erase_if(s.directions, [&](const lscore::DirectionEdit& d) { return d.source == set.method && d.amount == 0.0; });
        for (const lscore::FoundDirection& found : set.directions)
            if (s.directions.size() < lscore::kMaxDirections) s.directions.push_back(found.edit);
    });
    emit notice(tr("%n direction(s) found; drag their sliders, or press ▶ for a strip.", nullptr,
                   static_cast<int>(set.directions.size())), false);
}

void DirectionsPanel::addDifference(const lscore::EditState& from, const lscore::EditState& to, const QString& name)
{
    if (!m_service || !m_model) return;
    const std::string label = toStd(name.trimmed().isEmpty() ? tr("difference") : name.trimmed());
    RenderService* service = m_service.data();
    m_service->runOnEngine([self = QPointer<DirectionsPanel>(this), service, from, to, label](lscore::Engine* engine) mutable {
        if (!engine) return;
        auto direction = engine->directionBetween(from, to, label);
        QMetaObject::invokeMethod(service, [self = std::move(self), direction = std::move(direction)] {
            if (!self) return;
            if (!direction) {
                emit self->notice(tr("No direction: %1").arg(toQString(direction.error())), true);
                return;
            }
            self->m_document->editState(tr("Add direction"), [&](lscore::EditState& s) {
                if (s.directions.size() < lscore::kMaxDirections) s.directions.push_back(*direction);
            });
        }, Qt::QueuedConnection);
    });
}

void DirectionsPanel::addFromSeeds(const QString& name)
{
    // The raw w of the two seeds: no blend, mixing, truncation or other moves in between.
    lscore::EditState from = m_document->state().edit;
    from.latentT = 0.0;
    from.styleMix.clear();
    from.truncationPsi = 1.0;
    from.directions.clear();
    lscore::EditState to = from;
    to.seedA = from.seedB;
    addDifference(from, to, name);
}

void DirectionsPanel::addFromPrompts(const QString& name)
{
    lscore::EditState from = m_document->state().edit;
    from.promptT = 0.0;
    from.promptMix.clear();
    from.latentT = 0.0;
    from.styleMix.clear();
    from.truncationPsi = 1.0;
    from.directions.clear();
    lscore::EditState to = from;
    to.promptA = from.promptB;
    to.classA = from.classB;
    addDifference(from, to, name);
}

std::pair<int, int> DirectionsPanel::presetRange(int preset) const
{
    using lscore::LayerRangePreset;
    const LayerRangePreset presets[] = {LayerRangePreset::All, LayerRangePreset::Coarse, LayerRangePreset::Middle, LayerRangePreset::Fine};
    if (preset < 0 || preset > 3 || !m_model) return {0, -1};
    return lscore::layerRangePreset(presets[preset], m_model->description.layers);
}

int DirectionsPanel::presetOf(int first, int end) const
{
    for (int preset = 0; preset < 4; ++preset)
        if (presetRange(preset) == std::pair{first, end}) return preset;
    return 4;
}

void DirectionsPanel::rebuildRows(const lscore::EditState& state)
{
    for (Row& row : m_rows) delete row.widget;
    m_rows.clear();
    m_shownDirections = state.directions;
    const int numWs = m_model ? m_model->description.numWs : 0;
    for (std::size_t i = 0; i < state.directions.size(); ++i) {
        const lscore::DirectionEdit& direction = state.directions[i];
        const int index = static_cast<int>(i);
        Row row;
        row.widget = new QGroupBox(this);
        row.widget->setObjectName(QStringLiteral("direction%1").arg(index));
        auto* grid = new QGridLayout(row.widget);
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(toQString(direction.name).toHtmlEscaped()), row.widget);
        title->setToolTip(tr("From %1; one σ is %2 in W").arg(toQString(direction.source)).arg(direction.sigma, 0, 'g', 3));
        auto* show = new QToolButton(row.widget);
        show->setText(QStringLiteral("▶"));
        show->setToolTip(tr("Show me: −3σ … +3σ along this direction"));
        auto* remove = new QToolButton(row.widget);
        remove->setText(QStringLiteral("✕"));
        remove->setToolTip(tr("Remove this direction"));
        grid->addWidget(title, 0, 0, 1, 3);
        grid->addWidget(show, 0, 3);
        grid->addWidget(remove, 0, 4);
        row.amount = new ValueSlider(tr("Amount (σ):"), -kSliderSpanSigma, kSliderSpanSigma, 0.0, 2, row.widget);
        row.amount->setValueRange(-lscore::kMaxDirectionAmount, lscore::kMaxDirectionAmount);
        row.amount->setValue(direction.amount);
        grid->addWidget(row.amount, 1, 0, 1, 5);
        row.preset = new QComboBox(row.widget);
        row.preset->addItems({tr("All layers"), tr("Coarse"), tr("Middle"), tr("Fine"), tr("Custom")});
        row.first = new QSpinBox(row.widget);
        row.end = new QSpinBox(row.widget);
        row.first->setRange(0, std::max(0, numWs - 1));
        row.end->setRange(1, std::max(1, numWs));
        row.first->setPrefix(tr("from "));
        row.end->setPrefix(tr("to "));
        row.first->setToolTip(tr("The first w index this direction moves"));
        row.end->setToolTip(tr("The w index it stops before"));
        {
            const QSignalBlocker b1(row.preset), b2(row.first), b3(row.end);
            row.preset->setCurrentIndex(presetOf(direction.firstLayer, direction.endLayer));
            row.first->setValue(direction.firstLayer);
            row.end->setValue(direction.endLayer < 0 ? numWs : direction.endLayer);
        }
        grid->addWidget(row.preset, 2, 0);
        grid->addWidget(row.first, 2, 1);
        grid->addWidget(row.end, 2, 2, 1, 3);
        m_rowsLayout->addWidget(row.widget);

        connect(row.amount, &ValueSlider::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
        connect(row.amount, &ValueSlider::valueEdited, this, [this, index](double amount) {
            m_document->editState(tr("Direction amount"), [&](lscore::EditState& s) {
                if (static_cast<std::size_t>(index) < s.directions.size()) s.directions[static_cast<std::size_t>(index)].amount = amount;
            }, EditKind::DirectionAmount, m_gesture);
        });
        connect(row.preset, &QComboBox::activated, this, [this, index](int preset) {
            if (preset == 4) return;   // custom: the spin boxes say where
            const auto [first, end] = presetRange(preset);
            if (first == 0 && end == 0) {
                emit notice(tr("This model has no layers of that kind."), true);
                return;
            }
            setLayerRange(index, first, end);
        });
        const auto spun = [this, index, numWs] {
            const Row& r = m_rows[static_cast<std::size_t>(index)];
            const int first = r.first->value();
            const int end = std::max(first + 1, r.end->value());
            setLayerRange(index, first, end >= numWs ? -1 : end);
        };
        connect(row.first, &QSpinBox::valueChanged, this, spun);
        connect(row.end, &QSpinBox::valueChanged, this, spun);
        connect(show, &QToolButton::clicked, this, [this, index] { showStripFor(index); });
        connect(remove, &QToolButton::clicked, this, [this, index] {
            m_document->editState(tr("Remove direction"), [&](lscore::EditState& s) {
                if (static_cast<std::size_t>(index) < s.directions.size()) s.directions.erase(s.directions.begin() + index);
            });
        });
        m_rows.push_back(row);
    }
    m_empty->setVisible(state.directions.empty());
    if (m_stripDirection >= static_cast<int>(state.directions.size())) {
        m_strip->hide();
        m_stripDirection = -1;
    }
}

void DirectionsPanel::setLayerRange(int index, int first, int end)
{
    m_document->editState(tr("Direction layers"), [&](lscore::EditState& s) {
        if (static_cast<std::size_t>(index) >= s.directions.size()) return;
        auto& direction = s.directions[static_cast<std::size_t>(index)];
        direction.firstLayer = first;
        direction.endLayer = end;
    }, EditKind::DirectionLayers);
}

void DirectionsPanel::showState(const lscore::EditState& state)
{
    if (!sameMoves(state.directions, m_shownDirections)) {
        rebuildRows(state);
    } else {
        for (std::size_t i = 0; i < m_rows.size(); ++i) m_rows[i].amount->setValue(state.directions[i].amount);
    }
    if (m_stripDirection >= 0) showStripFor(m_stripDirection);   // the strip follows the state it varies
}

void DirectionsPanel::showStripFor(int index)
{
    const lscore::EditState& state = m_document->state().edit;
    if (index < 0 || static_cast<std::size_t>(index) >= state.directions.size() || !m_service) return;
    std::vector<lscore::EditState> states;
    for (int i = 0; i < kStripSteps; ++i) {
        lscore::EditState step = state;
        step.directions[static_cast<std::size_t>(index)].amount = -kStripSigma + 2.0 * kStripSigma * i / (kStripSteps - 1);
        states.push_back(std::move(step));
    }
    m_stripDirection = index;
    m_stripTitle->setText(tr("Along %1:").arg(toQString(state.directions[static_cast<std::size_t>(index)].name).toHtmlEscaped()));
    m_strip->show();
    const quint64 serial = ++*m_stripSerial;
    RenderService* service = m_service.data();
    m_service->runOnEngine([self = QPointer<DirectionsPanel>(this), service, states = std::move(states), index, serial,
                            newest = m_stripSerial](lscore::Engine* engine) mutable {
        if (!engine || newest->load() != serial) return;   // a newer strip is on its way
        auto images = engine->render(states);   // one batch
        QMetaObject::invokeMethod(service, [self = std::move(self), images = std::move(images), index] {
            if (!self || self->m_stripDirection != index) return;
            if (!images) {
                emit self->notice(tr("The strip could not be rendered: %1").arg(toQString(images.error())), true);
                return;
            }
            for (std::size_t i = 0; i < images->size() && i < self->m_stripImages.size(); ++i)
                self->m_stripImages[i]->setPixmap(QPixmap::fromImage(toQImage((*images)[i]).scaled(
                    kStripThumbnail, kStripThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            emit self->stripShown(index);
        }, Qt::QueuedConnection);
    });
}

ValueSlider* DirectionsPanel::amountSlider(int index) const
{
    return index >= 0 && static_cast<std::size_t>(index) < m_rows.size() ? m_rows[static_cast<std::size_t>(index)].amount : nullptr;
}

QComboBox* DirectionsPanel::layerPresetBox(int index) const
{
    return index >= 0 && static_cast<std::size_t>(index) < m_rows.size() ? m_rows[static_cast<std::size_t>(index)].preset : nullptr;
}

int DirectionsPanel::stripImageCount() const
{
    return static_cast<int>(std::count_if(m_stripImages.begin(), m_stripImages.end(),
                                          [](const QLabel* label) { return !label->pixmap().isNull(); }));
}

void DirectionsPanel::openFile()
{
    if (!m_model) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Directions"), QString(), tr("Directions (*.json)"));
    if (path.isEmpty()) return;
    auto set = lscore::loadDirections(toStd(path), toStd(m_model->hash), m_model->description.wDim);
    if (!set) {
        emit notice(toQString(set.error()), true);
        return;
    }
    m_document->editState(tr("Open directions"), [&](lscore::EditState& s) {
        for (const lscore::FoundDirection& found : set->directions)
            if (s.directions.size() < lscore::kMaxDirections) s.directions.push_back(found.edit);
    });
}

void DirectionsPanel::saveFile()
{
    if (!m_model) return;
    const lscore::EditState& state = m_document->state().edit;
    if (state.directions.empty()) {
        emit notice(tr("There are no directions to save."), true);
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Directions"), QStringLiteral("directions.json"), tr("Directions (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) path += QStringLiteral(".json");
    lscore::DirectionSet set;
    set.modelHash = toStd(m_model->hash);
    set.wDim = m_model->description.wDim;
    set.method = "mixed";
    for (const lscore::DirectionEdit& direction : state.directions) set.directions.push_back({direction, 0.0});
    if (lscore::Status saved = lscore::saveDirections(set, toStd(path)); !saved)
        emit notice(tr("Could not save the directions: %1").arg(toQString(saved.error())), true);
    else
        emit notice(tr("Saved %n direction(s) to %1", nullptr, static_cast<int>(set.directions.size())).arg(path), false);
}

} // namespace lsui
