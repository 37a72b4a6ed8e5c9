#include "seed_box.h"

#include <limits>

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRandomGenerator>
#include <QToolButton>

namespace lsui {

SeedBox::SeedBox(const QString& label, std::uint32_t defaultSeed, QWidget* parent)
    : QWidget(parent), m_seed(defaultSeed), m_default(defaultSeed)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(label, this);
    m_spin = new QDoubleSpinBox(this);
    m_spin->setDecimals(0);
    m_spin->setRange(0.0, static_cast<double>(std::numeric_limits<std::uint32_t>::max()));
    m_spin->setSingleStep(1.0);
    m_spin->setKeyboardTracking(false);
    m_spin->setWrapping(true);
    m_spin->setMinimumWidth(110);
    m_label->setBuddy(m_spin);

    auto makeButton = [this, layout](const QString& text, const QString& tip) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        layout->addWidget(button);
        return button;
    };
    layout->addWidget(m_label);
    layout->addWidget(m_spin, 1);
    connect(makeButton(QStringLiteral("‹"), tr("Previous seed")), &QToolButton::clicked, this, &SeedBox::previous);
    connect(makeButton(QStringLiteral("›"), tr("Next seed")), &QToolButton::clicked, this, &SeedBox::next);
    connect(makeButton(QStringLiteral("⚄"), tr("Random seed")), &QToolButton::clicked, this, &SeedBox::randomize);
    connect(makeButton(QStringLiteral("↺"), tr("Reset to %1").arg(defaultSeed)), &QToolButton::clicked, this,
            [this] { userSet(m_default); });

    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (!m_updating)
            userSet(static_cast<std::uint32_t>(value));
    });
    setSeed(defaultSeed);
}

void SeedBox::setToolTips(const QString& text)
{
    m_label->setToolTip(text);
    m_spin->setToolTip(text);
}

void SeedBox::setSeed(std::uint32_t seed)
{
    m_seed = seed;
    m_updating = true;
    m_spin->setValue(static_cast<double>(seed));
    m_updating = false;
}

void SeedBox::previous() { userSet(m_seed - 1u); }   // wraps at 0 like the spin box
void SeedBox::next() { userSet(m_seed + 1u); }
void SeedBox::randomize() { userSet(QRandomGenerator::global()->generate()); }

void SeedBox::userSet(std::uint32_t seed)
{
    if (seed == m_seed)
        return;
    setSeed(seed);
    emit seedEdited(seed);
}

} // namespace lsui
