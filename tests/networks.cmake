# StyleGAN2-family, StyleGAN3 and BigGAN-deep networks and the text encoders (core/src/nn), checked against the NVlabs and
# OpenAI CLIP fixtures.
lstudio_add_test(NAME test_stylegan2_parity SOURCES test_stylegan2_parity.cpp LABELS "core;nn;parity"
                 LIBS lscore_nn lscore_io TORCH TIMEOUT 120)
lstudio_add_test(NAME test_stylegan3_parity SOURCES test_stylegan3_parity.cpp LABELS "core;nn;parity;stylegan3"
                 LIBS lscore_engine lscore_pickle lscore_nn lscore_io TORCH TIMEOUT 120)
lstudio_add_test(NAME test_biggan_parity SOURCES test_biggan_parity.cpp LABELS "core;nn;parity;biggan"
                 LIBS lscore_engine lscore_pickle lscore_nn lscore_io TORCH TIMEOUT 180)
lstudio_add_test(NAME test_text_encoder SOURCES test_text_encoder.cpp LABELS "core;nn;parity"
                 LIBS lscore_nn lscore_io TORCH TIMEOUT 120)

# The command-line check the README documents, end to end on both shipped fixtures.
foreach(fixture stylegan2-uncond-32 stylegan2-cond-64)
  add_test(NAME lab_verify_reference_${fixture}
           COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/${fixture}.safetensors)
  set_tests_properties(lab_verify_reference_${fixture} PROPERTIES
    LABELS "core;nn;parity" TIMEOUT 60 ENVIRONMENT "OMP_NUM_THREADS=2")
endforeach()
# The LAFITE and StyleGAN3 fixtures (each .safetensors and its training snapshot) and the CLIP
# tokenizer fixture; the CLIP text fixture is stored in parts, so test_clip_text_encoder checks it
# through the lab tool.
foreach(fixture lafite-8.safetensors lafite-8.pkl clip-tokenizer.safetensors
        stylegan3-t-32.safetensors stylegan3-t-32.pkl stylegan3-r-cond-64.safetensors stylegan3-r-cond-64.pkl
        biggan-deep-tiny.safetensors)
  add_test(NAME lab_verify_reference_${fixture}
           COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/${fixture})
  set_tests_properties(lab_verify_reference_${fixture} PROPERTIES
    LABELS "core;nn;parity" TIMEOUT 60
    ENVIRONMENT "OMP_NUM_THREADS=2;LATENT_STUDIO_CLIP_VOCABULARY=${PROJECT_SOURCE_DIR}/resources/models/clip/bpe_simple_vocab_16e6.txt.gz")
endforeach()
# The BigGAN-deep folders users download (legacy and zip torch.save), against the fixture's io.*.
foreach(folder biggan-deep-tiny biggan-deep-tiny-zip)
  add_test(NAME lab_verify_reference_${folder}
           COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/${folder} --io ${LSTUDIO_TEST_DATA}/biggan-deep-tiny.safetensors)
  set_tests_properties(lab_verify_reference_${folder} PROPERTIES LABELS "core;nn;parity;biggan" TIMEOUT 60 ENVIRONMENT "OMP_NUM_THREADS=2")
endforeach()
add_test(NAME lab_verify_reference_refuses_non_fixture
         COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/numpy-seeds.safetensors)
set_tests_properties(lab_verify_reference_refuses_non_fixture PROPERTIES
  LABELS "core;nn;parity" TIMEOUT 60 WILL_FAIL TRUE)
# bench --device: a CPU run reports its device; a device name it cannot use is refused with a message
# that says what to type (exit 2), never a libtorch abort.
add_test(NAME lab_bench_cpu_reports_device
         COMMAND latent-studio-lab bench --model ${LSTUDIO_TEST_DATA}/stylegan2-uncond-32.safetensors
                 --iterations 2 --threads 1 --device cpu)
set_tests_properties(lab_bench_cpu_reports_device PROPERTIES
  LABELS "core;nn;bench" TIMEOUT 60 PASS_REGULAR_EXPRESSION "\"device\": \"cpu\"")
add_test(NAME lab_bench_refuses_unknown_device
         COMMAND latent-studio-lab bench --synthetic 32 --device gpu0)
set_tests_properties(lab_bench_refuses_unknown_device PROPERTIES
  LABELS "core;nn;bench" TIMEOUT 60 PASS_REGULAR_EXPRESSION "unknown device 'gpu0'; use cpu, cuda or cuda:N")
lstudio_add_test(NAME test_clip_text_encoder SOURCES test_clip_text_encoder.cpp LABELS "core;nn;parity;clip"
                 LIBS lscore_nn lscore_io TORCH TIMEOUT 120)
target_compile_definitions(test_clip_text_encoder PRIVATE LSTUDIO_LAB="$<TARGET_FILE:latent-studio-lab>")
add_dependencies(test_clip_text_encoder latent-studio-lab)
lstudio_add_test(NAME test_lafite_parity SOURCES test_lafite_parity.cpp LABELS "core;nn;parity;lafite"
                 LIBS lscore_pickle lscore_nn lscore_io TORCH TIMEOUT 120)
