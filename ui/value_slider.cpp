#include "value_slider.h"

#include <algorithm>
#include <cmath>

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

namespace lsui {

namespace {
constexpr int kSliderSteps = 1000;
}

ValueSlider::ValueSlider(const QString& label, double minimum, double maximum, double defaultValue, int decimals,
                         QWidget* parent)
    : QWidget(parent), m_minimum(minimum), m_maximum(maximum), m_valueMinimum(minimum), m_valueMaximum(maximum),
      m_default(defaultValue), m_value(defaultValue)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(label, this);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setSingleStep(10);
    m_slider->setPageStep(100);
    m_slider->setMinimumWidth(90);
    m_label->setBuddy(m_slider);
    m_spin = new QDoubleSpinBox(this);
    m_spin->setRange(minimum, maximum);
    m_spin->setDecimals(decimals);
    m_spin->setSingleStep((maximum - minimum) / 100.0);
    m_spin->setKeyboardTracking(false);
    m_reset = new QToolButton(this);
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setAutoRaise(true);
    m_reset->setToolTip(tr("Reset to %1").arg(defaultValue));
    layout->addWidget(m_label);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    layout->addWidget(m_reset);

    connect(m_slider, &QSlider::sliderPressed, this, [this] { emit gestureStarted(); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (!m_updating)
            userSet(fromSlider(position), !m_slider->isSliderDown());
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (!m_updating)
            userSet(value, true);
    });
    connect(m_reset, &QToolButton::clicked, this, [this] { userSet(m_default, true); });
    setValue(defaultValue);
}

void ValueSlider::setToolTips(const QString& text)
{
    m_label->setToolTip(text);
    m_slider->setToolTip(text);
    m_spin->setToolTip(text);
}

bool ValueSlider::isDragging() const { return m_slider->isSliderDown(); }

void ValueSlider::setValueRange(double minimum, double maximum)
{
    m_valueMinimum = std::min(minimum, m_minimum);
    m_valueMaximum = std::max(maximum, m_maximum);
    m_updating = true;
    m_spin->setRange(m_valueMinimum, m_valueMaximum);
    m_updating = false;
}

void ValueSlider::setSpan(double minimum, double maximum)
{
    m_minimum = m_valueMinimum = minimum;
    m_maximum = m_valueMaximum = maximum;
    m_updating = true;
    m_spin->setRange(minimum, maximum);
    m_updating = false;
    setValue(m_value);
}

int ValueSlider::toSlider(double value) const
{
    if (m_maximum <= m_minimum)
        return 0;
    return static_cast<int>(std::lround((std::clamp(value, m_minimum, m_maximum) - m_minimum) / (m_maximum - m_minimum) * kSliderSteps));
}

double ValueSlider::fromSlider(int position) const
{
    return m_minimum + (m_maximum - m_minimum) * static_cast<double>(position) / kSliderSteps;
}

void ValueSlider::setValue(double value)
{
    m_value = std::clamp(value, m_valueMinimum, m_valueMaximum);
    m_updating = true;
    if (!m_slider->isSliderDown() || m_slider->value() != toSlider(m_value))
        m_slider->setValue(toSlider(m_value));
    m_spin->setValue(m_value);
    m_updating = false;
}

void ValueSlider::userSet(double value, bool startsGesture)
{
    value = std::clamp(value, m_valueMinimum, m_valueMaximum);
    if (value == m_value)
        return;
    setValue(value);
    if (startsGesture)
        emit gestureStarted();
    emit valueEdited(m_value);
}

} // namespace lsui
