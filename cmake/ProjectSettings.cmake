# One INTERFACE target that carries the settings every project target shares: the language level,
# the warnings, and the Qt hygiene defines. Link it PRIVATE from every target.
add_library(lstudio_settings INTERFACE)
add_library(LatentStudio::settings ALIAS lstudio_settings)

target_compile_features(lstudio_settings INTERFACE cxx_std_20)
target_compile_options(lstudio_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wno-unused-parameter
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>
  # GCC 12 at -O3 reports impossible memcpy bounds inside libstdc++'s own std::string operator+
  # (a known GCC 12 false positive, gone in GCC 13); the warning points into char_traits.h, not at our code.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-stringop-overflow>)
target_compile_definitions(lstudio_settings INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  LSTUDIO_VERSION="${PROJECT_VERSION}")

set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
