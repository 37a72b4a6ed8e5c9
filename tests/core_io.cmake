# io area (core/src/io): safetensors, model description, tokenizers (word, CLIP BPE), numpy seeds, SHA-256, PNG and atomic files.
lstudio_add_test(NAME test_safetensors SOURCES test_safetensors.cpp LABELS "core;io"
                 LIBS lscore_io TORCH TIMEOUT 120)
lstudio_add_test(NAME test_numpy_seeds SOURCES test_numpy_seeds.cpp LABELS "core;io"
                 LIBS lscore_io TORCH TIMEOUT 60)
lstudio_add_test(NAME test_model_description SOURCES test_model_description.cpp LABELS "core;io"
                 LIBS lscore_io TORCH TIMEOUT 60)
lstudio_add_test(NAME test_tokenizer SOURCES test_tokenizer.cpp LABELS "core;io"
                 LIBS lscore_io TIMEOUT 60)
lstudio_add_test(NAME test_sha256 SOURCES test_sha256.cpp LABELS "core;io"
                 LIBS lscore_io TIMEOUT 60)
lstudio_add_test(NAME test_png SOURCES test_png.cpp LABELS "core;io"
                 LIBS lscore_io Qt6::Gui TIMEOUT 60)
lstudio_add_test(NAME test_clip_tokenizer SOURCES test_clip_tokenizer.cpp LABELS "core;io;clip"
                 LIBS lscore_io ZLIB::ZLIB TORCH TIMEOUT 120)
