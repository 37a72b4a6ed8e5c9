# StyleGAN2-family networks and the text encoder (core/src/nn), checked against the NVlabs fixtures.
lstudio_add_test(NAME test_stylegan2_parity SOURCES test_stylegan2_parity.cpp LABELS "core;nn;parity"
                 LIBS lscore_nn lscore_io TORCH TIMEOUT 120)
lstudio_add_test(NAME test_text_encoder SOURCES test_text_encoder.cpp LABELS "core;nn;parity"
                 LIBS lscore_nn lscore_io TORCH TIMEOUT 120)

# The command-line check the README documents, end to end on both shipped fixtures.
foreach(fixture stylegan2-uncond-32 stylegan2-cond-64)
  add_test(NAME lab_verify_reference_${fixture}
           COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/${fixture}.safetensors)
  set_tests_properties(lab_verify_reference_${fixture} PROPERTIES
    LABELS "core;nn;parity" TIMEOUT 60 ENVIRONMENT "OMP_NUM_THREADS=2")
endforeach()
add_test(NAME lab_verify_reference_refuses_non_fixture
         COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/numpy-seeds.safetensors)
set_tests_properties(lab_verify_reference_refuses_non_fixture PROPERTIES
  LABELS "core;nn;parity" TIMEOUT 60 WILL_FAIL TRUE)
