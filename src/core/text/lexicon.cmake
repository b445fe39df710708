# Build-time generation of the VADER lexicon source for src/core/text/sentiment.cpp.
# Include from src/core/CMakeLists.txt AFTER add_library(npskit_core ...):
#   include(${CMAKE_CURRENT_SOURCE_DIR}/text/lexicon.cmake)
# Works for the native and the emcmake build (the generator is a `cmake -P` script
# run by the host CMake). The lexicon comes from the npm dev dependency
# vader-sentiment (npm install / npm ci), relative to the project root.
set(NPSKIT_VADER_LEXICON "${PROJECT_SOURCE_DIR}/node_modules/vader-sentiment/vader_lexicon.txt"
    CACHE FILEPATH "vader_lexicon.txt from the npm package vader-sentiment")
if(NOT EXISTS "${NPSKIT_VADER_LEXICON}")
  message(FATAL_ERROR "VADER lexicon not found at ${NPSKIT_VADER_LEXICON}: run `npm install` "
                      "(dev dependency vader-sentiment) or set -DNPSKIT_VADER_LEXICON=<path>")
endif()
set(NPSKIT_VADER_CPP "${CMAKE_CURRENT_BINARY_DIR}/generated/vader_lexicon.cpp")
add_custom_command(
  OUTPUT "${NPSKIT_VADER_CPP}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/generated"
  COMMAND ${CMAKE_COMMAND} "-DNPSKIT_VADER_LEXICON=${NPSKIT_VADER_LEXICON}"
          "-DNPSKIT_VADER_OUT=${NPSKIT_VADER_CPP}" -P "${CMAKE_CURRENT_LIST_DIR}/gen_lexicon.cmake"
  DEPENDS "${NPSKIT_VADER_LEXICON}" "${CMAKE_CURRENT_LIST_DIR}/gen_lexicon.cmake"
  COMMENT "Generating the VADER lexicon source from vader-sentiment"
  VERBATIM)
target_sources(npskit_core PRIVATE "${NPSKIT_VADER_CPP}")
