#include "blend_pad.h"

#include <algorithm>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

namespace lsui {

BlendPad::BlendPad(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("blendPad"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(140, 140);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAxisNames(tr("prompt A"), tr("prompt B"), tr("seed A"), tr("seed B"));
    setToolTip(tr("Drag the point to blend four corners: left→right goes from prompt A to prompt B, "
                  "top→bottom from seed A to seed B. Arrow keys move it (Shift: finer)."));
}

void BlendPad::setAxisNames(const QString& xFrom, const QString& xTo, const QString& yFrom, const QString& yTo)
{
    m_xFrom = xFrom;
    m_xTo = xTo;
    m_yFrom = yFrom;
    m_yTo = yTo;
    update();
}

void BlendPad::setPosition(QPointF position)
{
    m_position = QPointF(std::clamp(position.x(), 0.0, 1.0), std::clamp(position.y(), 0.0, 1.0));
    update();
}

QRectF BlendPad::padRect() const
{
    const double margin = fontMetrics().height() + 4;
    const double side = std::max(10.0, std::min(width(), height()) - 2 * margin);
    return {(width() - side) / 2.0, margin, side, side};
}

QPointF BlendPad::fromWidget(QPointF point) const
{
    const QRectF pad = padRect();
    return {(point.x() - pad.left()) / pad.width(), (point.y() - pad.top()) / pad.height()};
}

void BlendPad::userMove(QPointF position)
{
    const QPointF old = m_position;
    setPosition(position);
    if (m_position != old)
        emit positionEdited(m_position);
}

void BlendPad::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF pad = padRect();
    painter.fillRect(pad, palette().color(QPalette::Base));
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    for (int i = 1; i < 4; ++i) {
        painter.drawLine(QPointF(pad.left() + pad.width() * i / 4, pad.top()), QPointF(pad.left() + pad.width() * i / 4, pad.bottom()));
        painter.drawLine(QPointF(pad.left(), pad.top() + pad.height() * i / 4), QPointF(pad.right(), pad.top() + pad.height() * i / 4));
    }
    painter.setPen(QPen(hasFocus() ? palette().color(QPalette::Highlight) : palette().color(QPalette::Dark), hasFocus() ? 2 : 1));
    painter.drawRect(pad);

    painter.setPen(palette().color(QPalette::WindowText));
    const double line = fontMetrics().height();
    painter.drawText(QRectF(pad.left(), 0, pad.width(), line), Qt::AlignLeft | Qt::AlignVCenter, m_xFrom);
    painter.drawText(QRectF(pad.left(), 0, pad.width(), line), Qt::AlignRight | Qt::AlignVCenter, m_xTo);
    painter.drawText(QRectF(pad.left(), pad.bottom() + 2, pad.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("↓ %1 → %2").arg(m_yFrom, m_yTo));

    const QPointF point(pad.left() + m_position.x() * pad.width(), pad.top() + m_position.y() * pad.height());
    painter.setPen(QPen(palette().color(QPalette::HighlightedText), 2));
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.drawEllipse(point, 7, 7);
}

void BlendPad::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    emit gestureStarted();
    userMove(fromWidget(event->position()));
}

void BlendPad::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_dragging = false;
}

void BlendPad::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        userMove(fromWidget(event->position()));
}

void BlendPad::keyPressEvent(QKeyEvent* event)
{
    const double step = event->modifiers() & Qt::ShiftModifier ? 0.01 : 0.05;
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left: delta = {-step, 0}; break;
    case Qt::Key_Right: delta = {step, 0}; break;
    case Qt::Key_Up: delta = {0, -step}; break;
    case Qt::Key_Down: delta = {0, step}; break;
    case Qt::Key_Home: emit gestureStarted(); userMove({0, 0}); return;
    default: QWidget::keyPressEvent(event); return;
    }
    emit gestureStarted();
    userMove(m_position + delta);
}

} // namespace lsui
