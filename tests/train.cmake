# Trainer, discriminator and the text model file (core/src/world/trainer.cpp, discriminator.cpp,
# core/src/nn/text_model_file.cpp): a tiny real training run at 16 px, exact resume, file round trips.
lstudio_add_test(NAME test_trainer SOURCES test_trainer.cpp LABELS "core;train"
                 LIBS lscore_world lscore_engine lscore_nn lscore_io TORCH TIMEOUT 120)
