#pragma once
// SeedBox: a seed number 0 … 2^32−1 with previous / next / random buttons and a reset.
// (QSpinBox stops at 2^31−1, so the field is a QDoubleSpinBox showing whole numbers; doubles hold
// every 32-bit integer exactly.)

#include <cstdint>

#include <QString>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;

namespace lsui {

class SeedBox : public QWidget {
    Q_OBJECT
public:
    SeedBox(const QString& label, std::uint32_t defaultSeed, QWidget* parent = nullptr);

    std::uint32_t seed() const { return m_seed; }
    void setSeed(std::uint32_t seed);          // programmatic: emits nothing
    void setToolTips(const QString& text);

public slots:
    void previous();
    void next();
    void randomize();

signals:
    void seedEdited(std::uint32_t seed);

private:
    void userSet(std::uint32_t seed);

    QLabel* m_label = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    std::uint32_t m_seed;
    std::uint32_t m_default;
    bool m_updating = false;
};

} // namespace lsui
