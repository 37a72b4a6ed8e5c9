# Shapes World dataset, attribute classifier and evaluator (label "world").
lstudio_add_test(NAME test_shapes_world SOURCES test_shapes_world.cpp LABELS "core;world" LIBS lscore_world TIMEOUT 120)
lstudio_add_test(NAME test_evaluator SOURCES test_evaluator.cpp LABELS "core;world" LIBS lscore_world TORCH TIMEOUT 300)
