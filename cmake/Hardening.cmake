# Hardening of everything built here: the server faces the network and holds patient data.
# Stack canaries, position independence (so that ASLR covers the binary itself) and a read-only
# relocation table resolved at start (no writable GOT for an overflow to aim at).
add_compile_options(-fstack-protector-strong)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
include(CheckPIESupported)
check_pie_supported()
add_link_options(-Wl,-z,relro,-z,now)

# Bounds-checked libc calls. Only with optimisation (the checks need it, and g++ warns without
# it), and not under AddressSanitizer, which intercepts the same calls and checks them itself.
if(NOT CASEBOARD_SANITIZE)
  add_compile_options($<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE> $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
endif()
