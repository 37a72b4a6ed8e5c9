# Edit composition and the Engine API (torch-free tests: they see only lscore/engine.h).
lstudio_add_test(NAME test_edit_state SOURCES test_edit_state.cpp LABELS "core;engine" LIBS lscore_engine)
lstudio_add_test(NAME test_engine SOURCES test_engine.cpp LABELS "core;engine" LIBS lscore_engine)
lstudio_add_test(NAME test_engine_clip SOURCES test_engine_clip.cpp LABELS "core;engine;lafite;clip"
                 LIBS lscore TORCH TIMEOUT 120)
lstudio_add_test(NAME test_directions SOURCES test_directions.cpp LABELS "core;engine;directions" LIBS lscore TORCH TIMEOUT 120)
