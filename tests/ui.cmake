# UI area tests (label "ui"): the studio's render service, document (undo), metadata and main window,
# all against the real engine and the checked-in fixture models, on the offscreen platform.
lstudio_add_test(NAME test_studio_document SOURCES test_studio_document.cpp LABELS ui LIBS lsui TIMEOUT 60)
lstudio_add_test(NAME test_render_service SOURCES test_render_service.cpp LABELS ui LIBS lsui GUI TIMEOUT 120)
lstudio_add_test(NAME test_main_window SOURCES test_main_window.cpp LABELS ui LIBS lsui GUI TIMEOUT 180)
lstudio_add_test(NAME test_crash_recovery SOURCES test_crash_recovery.cpp LABELS ui LIBS lsui GUI TIMEOUT 60)
# Includes torch headers without the shared precompiled header, which is built without Qt GUI.
lstudio_add_test(NAME test_studio_lafite SOURCES test_studio_lafite.cpp LABELS "ui;lafite" LIBS lsui GUI TIMEOUT 120)
lstudio_add_test(NAME test_recent_files SOURCES test_recent_files.cpp LABELS ui LIBS lsui TIMEOUT 60)
lstudio_add_test(NAME test_session_files SOURCES test_session_files.cpp LABELS ui LIBS lsui TIMEOUT 60)
lstudio_add_test(NAME test_live_tools SOURCES test_live_tools.cpp LABELS "ui;directions;osc" LIBS lsui PkgConfig::LIBLO GUI TIMEOUT 180)
