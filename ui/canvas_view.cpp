#include "canvas_view.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPaintEvent>
#include <QPalette>
#include <QWheelEvent>

namespace lsui {

namespace {
constexpr double kMinZoom = 0.125;
constexpr double kMaxZoom = 32.0;
}

CanvasView::CanvasView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("canvas"));
    setMinimumSize(160, 160);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("The current frame. Ctrl+wheel zooms; View menu: fit, 1:1, smooth scaling."));
}

void CanvasView::setFrame(const QImage& frame)
{
    m_frame = frame;
    m_pixmap = QPixmap::fromImage(frame);
    update();
}

void CanvasView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

void CanvasView::fitToWindow()
{
    m_mode = ZoomMode::Fit;
    announceZoom();
    update();
}

void CanvasView::actualSize() { setFixedZoom(1.0); }

void CanvasView::zoomIn()
{
    const double current = m_mode == ZoomMode::Fit && !m_frame.isNull()
        ? targetRect().width() * devicePixelRatioF() / m_frame.width() : m_zoom;
    setFixedZoom(std::pow(2.0, std::floor(std::log2(current) + 1e-6) + 1.0));
}

void CanvasView::zoomOut()
{
    const double current = m_mode == ZoomMode::Fit && !m_frame.isNull()
        ? targetRect().width() * devicePixelRatioF() / m_frame.width() : m_zoom;
    setFixedZoom(std::pow(2.0, std::ceil(std::log2(current) - 1e-6) - 1.0));
}

void CanvasView::setSmoothScaling(bool smooth)
{
    m_smooth = smooth;
    update();
}

void CanvasView::setFixedZoom(double zoom)
{
    m_mode = ZoomMode::Fixed;
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    announceZoom();
    update();
}

void CanvasView::announceZoom()
{
    emit zoomChanged(m_mode == ZoomMode::Fit ? tr("Fit") : tr("%1%").arg(qRound(m_zoom * 100.0)));
}

QRectF CanvasView::targetRect() const
{
    if (m_frame.isNull())
        return {};
    const QSizeF area = size();
    QSizeF shown;
    if (m_mode == ZoomMode::Fit) {
        shown = QSizeF(m_frame.size()).scaled(area, Qt::KeepAspectRatio);
    } else {
        // Logical size such that one image pixel covers m_zoom device pixels.
        shown = QSizeF(m_frame.size()) * (m_zoom / devicePixelRatioF());
    }
    return QRectF(QPointF((area.width() - shown.width()) / 2.0, (area.height() - shown.height()) / 2.0), shown);
}

void CanvasView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    painter.drawPixmap(targetRect(), m_pixmap, QRectF(m_pixmap.rect()));
    if (!m_staleNote.isEmpty()) {
        // Dimmed, with the reason on a band across the top: the frame no longer shows the editor.
        painter.fillRect(targetRect(), QColor(0, 0, 0, 110));
        const QFontMetrics metrics(font());
        const QRect band(0, 0, width(), metrics.height() + 12);
        painter.fillRect(band, QColor(120, 30, 30, 220));
        painter.setPen(Qt::white);
        painter.drawText(band.adjusted(8, 0, -8, 0), Qt::AlignCenter,
                         metrics.elidedText(m_staleNote, Qt::ElideRight, band.width() - 16));
    }
}

void CanvasView::setStaleNote(const QString& note)
{
    if (note == m_staleNote)
        return;
    m_staleNote = note;
    setToolTip(note);
    update();
}

void CanvasView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || m_frame.isNull()) {
        event->ignore();
        return;
    }
    if (event->angleDelta().y() > 0)
        zoomIn();
    else if (event->angleDelta().y() < 0)
        zoomOut();
    event->accept();
}

QSize CanvasView::sizeHint() const { return {640, 640}; }

} // namespace lsui
