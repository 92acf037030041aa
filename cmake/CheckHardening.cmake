# cmake -DBINARY=<file> -DFORTIFIED=ON|OFF -P CheckHardening.cmake
# Fails unless the binary is PIE, binds every symbol at start under a read-only GOT, has stack
# canaries and (when FORTIFIED) the bounds-checked libc calls.
# --wide: without it readelf cuts long symbol names (__stack_chk_fail@GLIBC_2.4) short.
function(read_elf flag out)
  execute_process(COMMAND readelf --wide ${flag} ${BINARY} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "readelf ${flag} ${BINARY} failed")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(expect text pattern what)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${BINARY}: ${what}")
  endif()
endfunction()

read_elf(-h header)
expect("${header}" "Type:[ \t]+DYN" "not a position-independent executable (PIE)")
read_elf(-d dynamic)
expect("${dynamic}" "BIND_NOW" "not linked with -z now")
expect("${dynamic}" "FLAGS_1[^\n]*PIE" "no PIE flag in the dynamic section")
read_elf(-l segments)
expect("${segments}" "GNU_RELRO" "not linked with -z relro")
read_elf(--dyn-syms symbols)
expect("${symbols}" "__stack_chk_fail" "no stack protector")
if(FORTIFIED)
  expect("${symbols}" "__[a-z_]+_chk@" "no _FORTIFY_SOURCE checked calls")
endif()
