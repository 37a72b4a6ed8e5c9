#pragma once
// BlendPad: a 2-D pad whose point blends four corners: x = prompt A → B (promptT), y = seed A → B
// (latentT). Drag with the mouse, or focus it and use the arrow keys (Shift for fine steps).

#include <QPointF>
#include <QString>
#include <QWidget>

namespace lsui {

class BlendPad : public QWidget {
    Q_OBJECT
public:
    explicit BlendPad(QWidget* parent = nullptr);

    QPointF position() const { return m_position; }
    bool isDragging() const { return m_dragging; }
    void setPosition(QPointF position);     // programmatic: emits nothing
    void setAxisNames(const QString& xFrom, const QString& xTo, const QString& yFrom, const QString& yTo);

signals:
    void gestureStarted();
    void positionEdited(QPointF position);  // both coordinates in [0, 1]

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    QSize sizeHint() const override { return {220, 220}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

private:
    QRectF padRect() const;
    void userMove(QPointF position);
    QPointF fromWidget(QPointF point) const;

    QPointF m_position;
    bool m_dragging = false;
    QString m_xFrom, m_xTo, m_yFrom, m_yTo;
};

} // namespace lsui
