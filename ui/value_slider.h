#pragma once
// ValueSlider: a labelled continuous control (slider + spin box + reset button) for one double value.
// Emits gestureStarted() when a drag begins or before any single-step edit, then valueEdited() for
// every user change, so the owner can merge a whole drag into one undo step.
//
//   auto* t = new ValueSlider(tr("&Blend A→B"), 0.0, 1.0, 0.0, 3, this);
//   connect(t, &ValueSlider::gestureStarted, this, [&] { gesture = document->beginGesture(); });
//   connect(t, &ValueSlider::valueEdited, this, [&](double v) { ... });

#include <QString>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QToolButton;

namespace lsui {

class ValueSlider : public QWidget {
    Q_OBJECT
public:
    ValueSlider(const QString& label, double minimum, double maximum, double defaultValue, int decimals,
                QWidget* parent = nullptr);

    double value() const { return m_value; }
    void setValue(double value);           // programmatic: emits nothing
    // Values the spin box accepts and setValue() keeps, wider than the slider's span (default: the
    // same): the slider covers its span for fine dragging and rests at its end for a value beyond.
    void setValueRange(double minimum, double maximum);
    // Replaces the slider's span and the values accepted with [minimum, maximum] (a model whose
    // parameter has other bounds); the current value is clamped into it, without emitting.
    void setSpan(double minimum, double maximum);
    void setDefaultValue(double value) { m_default = value; }
    void setToolTips(const QString& text);
    QSlider* slider() const { return m_slider; }
    QLabel* label() const { return m_label; }
    bool isDragging() const;

signals:
    void gestureStarted();
    void valueEdited(double value);

private:
    int toSlider(double value) const;
    double fromSlider(int position) const;
    void userSet(double value, bool startsGesture);

    QLabel* m_label = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QToolButton* m_reset = nullptr;
    double m_minimum;                      // the slider's span
    double m_maximum;
    double m_valueMinimum;                 // what a value may be
    double m_valueMaximum;
    double m_default;
    double m_value;
    bool m_updating = false;
};

} // namespace lsui
