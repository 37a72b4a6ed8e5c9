#pragma once
// Waits until a main window shows the frame of its newest render request (false on timeout).
#include <QElapsedTimer>
#include <QtTest/QtTest>

#include "main_window.h"

inline bool settle(lsui::MainWindow& window, int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (window.shownFrameId() > 0 && window.shownFrameId() >= window.renderService()->lastRequestId())
            return true;
        QTest::qWait(5);
    }
    return false;
}
