# The default model's trainer (train/src) and the text model file (core/src/nn/text_model_file.cpp):
# a short real run at 32 px, exact and compact resume, the option table, export round trips.
lstudio_add_test(NAME test_trainer SOURCES test_trainer.cpp LABELS "train" LIBS lstrain TORCH TIMEOUT 300)
