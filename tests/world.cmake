# Shapes World v2, the attribute classifier and the evaluator (train/: lstrain).
lstudio_add_test(NAME test_shapes_world SOURCES test_shapes_world.cpp LABELS "train;world" LIBS lstrain TORCH TIMEOUT 120)
lstudio_add_test(NAME test_evaluator SOURCES test_evaluator.cpp LABELS "train;world" LIBS lstrain TORCH TIMEOUT 300)
