# Compiles files into the binary so that the server needs nothing beside it at run time.
# embed_files(OUTPUT <cpp> ENTRIES "<url path>=<file>"...) writes a table readable through
# caseboard::embedded::all() (see src/api/EmbeddedFiles.hpp).
set(CASEBOARD_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedFilesScript.cmake)

function(embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT" "ENTRIES" ${ARGN})
  set(deps "")
  foreach(entry IN LISTS ARG_ENTRIES)
    string(REGEX REPLACE "^[^=]*=" "" file "${entry}")
    list(APPEND deps ${file})
  endforeach()
  string(REPLACE ";" "|" joined "${ARG_ENTRIES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} "-DENTRIES=${joined}" -P ${CASEBOARD_EMBED_SCRIPT}
    DEPENDS ${deps} ${CASEBOARD_EMBED_SCRIPT}
    COMMENT "Embedding web assets"
    VERBATIM)
endfunction()
