# Packaging (label "packaging"): builds the .deb with cpack, unpacks it into a scratch root and runs
# the unpacked latent-studio. Runs after the build (ctest), like every test; skipped (77) only while
# the default model has not been trained yet.
if(TARGET latent-studio)
  add_test(NAME test_package
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/test_package.sh ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${PROJECT_VERSION})
  set_tests_properties(test_package PROPERTIES
    LABELS packaging TIMEOUT 300 SKIP_RETURN_CODE 77
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OMP_NUM_THREADS=2")
endif()
