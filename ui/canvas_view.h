#pragma once
// CanvasView: shows the current frame. Fit / 1:1 / zoom, smooth or nearest scaling, high-DPI aware
// (1:1 means one image pixel per device pixel). The previous frame stays up while the next renders;
// with no frame it shows a hint (e.g. "no model loaded — open one").
//
//   canvas->setFrame(image);            // GUI thread
//   canvas->setZoomMode(CanvasView::ZoomMode::Fit);

#include <QImage>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace lsui {

class CanvasView : public QWidget {
    Q_OBJECT
public:
    enum class ZoomMode { Fit, Fixed };

    explicit CanvasView(QWidget* parent = nullptr);

    void setFrame(const QImage& frame);
    const QImage& frame() const { return m_frame; }
    void setPlaceholderText(const QString& text);
    // Non-empty: the frame shown is out of date (e.g. the prompt cannot be rendered); it is dimmed
    // under a band with this note until the note is cleared.
    void setStaleNote(const QString& note);
    const QString& staleNote() const { return m_staleNote; }

    ZoomMode zoomMode() const { return m_mode; }
    double zoom() const { return m_zoom; }   // image pixels → device pixels in Fixed mode
    bool smoothScaling() const { return m_smooth; }

public slots:
    void fitToWindow();
    void actualSize();
    void zoomIn();
    void zoomOut();
    void setSmoothScaling(bool smooth);

signals:
    void zoomChanged(const QString& description);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    QSize sizeHint() const override;

private:
    void setFixedZoom(double zoom);
    QRectF targetRect() const;
    void announceZoom();

    QImage m_frame;
    QPixmap m_pixmap;     // converted once per frame on the GUI thread
    QString m_placeholder;
    QString m_staleNote;
    ZoomMode m_mode = ZoomMode::Fit;
    double m_zoom = 1.0;
    bool m_smooth = true;
};

} // namespace lsui
