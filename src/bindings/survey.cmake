# The widget's survey core, two builds of the same C++:
#   dist/core/survey.mjs + survey.wasm  (WebAssembly)
#   dist/core/survey-js.mjs             (-sWASM=0: plain JS, for pages whose CSP
#                                        forbids wasm compilation)
# Size first: -Oz + LTO, emmalloc, no filesystem, no exceptions/RTTI, no eval
# (CSP-safe), and Closure on the JS glue when npm's google-closure-compiler is
# installed (Debian's is too old for Emscripten 3.1.6).
if(TARGET npskit_survey)
  set(NPSKIT_SURVEY_CXX_FLAGS -Oz -flto -fno-exceptions -fno-rtti)
  target_compile_options(npskit_survey PRIVATE ${NPSKIT_SURVEY_CXX_FLAGS})
  set(NPSKIT_SURVEY_LINK_FLAGS
    ${NPSKIT_SURVEY_CXX_FLAGS}
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createSurveyCore
    -sENVIRONMENT=web -sFILESYSTEM=0 -sMALLOC=emmalloc -sDYNAMIC_EXECUTION=0
    -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=1MB -sTOTAL_STACK=128KB
    -sEXPORTED_FUNCTIONS=_npskit_call,_malloc,_free
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
    -sINCOMING_MODULE_JS_API=locateFile,wasmBinary,instantiateWasm,print,printErr
    -sASSERTIONS=0)
  set(NPSKIT_CLOSURE_BIN ${PROJECT_SOURCE_DIR}/node_modules/.bin/google-closure-compiler)
  foreach(flavour wasm js)
    set(target survey_${flavour})
    add_executable(${target} survey.cpp)
    target_link_libraries(${target} PRIVATE npskit_survey)
    target_compile_options(${target} PRIVATE ${NPSKIT_SURVEY_CXX_FLAGS})
    target_link_options(${target} PRIVATE ${NPSKIT_SURVEY_LINK_FLAGS})
    if(flavour STREQUAL "wasm")
      set_target_properties(${target} PROPERTIES OUTPUT_NAME survey)
    else()
      target_link_options(${target} PRIVATE -sWASM=0 --memory-init-file 0)
      set_target_properties(${target} PROPERTIES OUTPUT_NAME survey-js)
    endif()
    if(EXISTS ${NPSKIT_CLOSURE_BIN})
      target_link_options(${target} PRIVATE --closure 1)
      set_target_properties(${target} PROPERTIES
        CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;EM_CLOSURE_COMPILER=${NPSKIT_CLOSURE_BIN}")
    endif()
    set_target_properties(${target} PROPERTIES SUFFIX ".mjs" RUNTIME_OUTPUT_DIRECTORY ${NPSKIT_DIST_CORE})
  endforeach()
endif()
