# Compile-time facts for core/src/engine/build_info.cpp (what `--version` prints): the git commit
# checked out at configure time and the build type. Set on that one source file only, so that a new
# commit recompiles one file after the next reconfigure instead of every target.
set(_lstudio_git_commit "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE _lstudio_head
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _lstudio_head_rc)
  if(_lstudio_head_rc EQUAL 0 AND _lstudio_head)
    set(_lstudio_git_commit "${_lstudio_head}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
      WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}" OUTPUT_VARIABLE _lstudio_changes
      OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_lstudio_changes)
      string(APPEND _lstudio_git_commit "-dirty")
    endif()
  endif()
endif()
set(_lstudio_build_type "${CMAKE_BUILD_TYPE}")
if(NOT _lstudio_build_type)
  set(_lstudio_build_type "multi-config")
endif()
set_source_files_properties("${PROJECT_SOURCE_DIR}/core/src/engine/build_info.cpp" PROPERTIES
  COMPILE_DEFINITIONS "LSTUDIO_GIT_COMMIT=\"${_lstudio_git_commit}\";LSTUDIO_BUILD_TYPE=\"${_lstudio_build_type}\"")
