# Code-free NVlabs snapshot reader: fixtures parity, hostile corpus, truncations, speed.
lstudio_add_test(NAME test_snapshot_pickle SOURCES test_snapshot_pickle.cpp
  LABELS "core;pickle;security" LIBS lscore_pickle lscore_io TORCH TIMEOUT 120)

# The convert subcommand, run as a user would run it.
if(TARGET latent-studio)
  lstudio_add_test(NAME test_cli_convert SOURCES test_cli_convert.cpp
    LABELS "pickle;cli" LIBS lscore_io TORCH TIMEOUT 120)
  target_compile_definitions(test_cli_convert PRIVATE LSTUDIO_STUDIO_EXE="$<TARGET_FILE:latent-studio>")
  add_dependencies(test_cli_convert latent-studio)
endif()

# Renders from a .pkl match the NVlabs reference outputs stored in its .safetensors twin
# (tolerance 1e-4 · max(1, max|ref|), fused and non-fused modulated convolutions).
foreach(stem stylegan2-uncond-32 stylegan2-cond-64)
  add_test(NAME verify_reference_pkl_${stem}
    COMMAND latent-studio-lab verify-reference ${LSTUDIO_TEST_DATA}/${stem}.pkl --mode both)
  set_tests_properties(verify_reference_pkl_${stem} PROPERTIES
    LABELS "pickle;parity" TIMEOUT 120 ENVIRONMENT "OMP_NUM_THREADS=2")
endforeach()
