#!/usr/bin/env bash
# Regenerates the Windows x86-64 FFM bindings in
#   src/main/java/dev/keepalive/internal/windows/gen/
# from winsock.h with the options in winsock.args (Winsock's constants and
# layouts) and ws2_32.args (its functions, found in ws2_32.dll), and from
# registry.h with registry.args and advapi32.args (the registry read of the
# keep-alive defaults, in advapi32.dll).
#
# The script is named for its target, not for where it runs: it runs on Linux
# and parses the MinGW-w64 Windows headers (Debian package
# mingw-w64-x86-64-dev, installed under /usr/x86_64-w64-mingw32) for an
# x86-64 Windows target; compile_flags.txt in this directory sets the target
# triple, the sysroot and the Windows version macros.
#
# Needs a jextract launcher: $JEXTRACT if set, otherwise `jextract` on PATH.
# See jextract/README.md for the prerequisites. Usage:
#
#   jextract/windows/generate.sh
#
# Optional: LIBCLANG=/path/to/libclang.so if the script cannot find the
# libclang that the jextract launcher uses (see "Locate libclang" below).
#
# Re-running it on the same inputs reproduces the committed files byte for byte.
# The steps shared with linux/generate.sh are in ../common.sh.
set -euo pipefail

platform=windows
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# common.sh needs these set when sourced; generate_header below sets them
# again for each of the two headers.
header="winsock.h"
args_file="winsock.args"
header_class="winsock_h"
pkg_dir="dev/keepalive/internal/windows/gen"
mingw_include=/usr/x86_64-w64-mingw32/include
# shellcheck source=SCRIPTDIR/../common.sh
source "$here/../common.sh"

[[ $(uname -s) == Linux ]] || die "must run on Linux (it uses the MinGW-w64 headers of a Linux machine)"
[[ -f $mingw_include/winsock2.h ]] \
    || die "MinGW-w64 headers not found in $mingw_include (Debian: apt-get install mingw-w64-x86-64-dev)"

find_jextract

# --- Locate libclang ---------------------------------------------------------
# jextract chooses the Java carrier and layout of C `long` from the os.name
# of the JVM it runs in, not from the clang target. On Linux that gives a
# 64-bit `long`, which is wrong for Windows (LLP64: `long` is 32 bits, so
# DWORD, u_long and the tcp_keepalive fields would all come out 8 bytes).
# jextract is therefore run with -Dos.name=Windows. With that setting it also
# loads libclang by its Windows name, System.loadLibrary("libclang"), which on
# Linux means a file called liblibclang.so; the script provides one as a
# symbolic link in a temporary directory on java.library.path.
if [[ -n ${LIBCLANG:-} ]]; then
    libclang=$LIBCLANG
else
    libclang=""
    # A jextract image built from openjdk/jextract keeps libclang.so in
    # runtime/lib next to its bin/ directory.
    image_lib="$(dirname "$(readlink -f "$jextract")")/../runtime/lib/libclang.so"
    for candidate in "$image_lib" /usr/lib/llvm-14/lib/libclang.so; do
        if [[ -f $candidate ]]; then libclang=$candidate; break; fi
    done
fi
[[ -n $libclang && -f $libclang ]] \
    || die "cannot find the libclang used by jextract; set LIBCLANG=/path/to/libclang.so"

make_tmp
mkdir "$tmp/lib"
ln -s "$(readlink -f "$libclang")" "$tmp/lib/liblibclang.so"

# --- Run jextract, once per args file -----------------------------------------
# Each run is generated into its own directory and checked on its own; the
# outputs are then merged, and no file may come from two runs.
#
# Arguments: the header, its args file and its header class.
generate_header() {
    header=$1
    args_file=$2
    header_class=$3

    # With os.name set to Windows, jextract also leaves libclang's crash recovery
    # switched on. On Linux that installs libclang signal handlers over the JVM's
    # own, and the JVM then dies at random with SIGSEGV. libclang skips crash
    # recovery when LIBCLANG_DISABLE_CRASH_RECOVERY is set in the environment,
    # which is what jextract arranges itself when it knows it runs on Linux.
    LIBCLANG_DISABLE_CRASH_RECOVERY=1 \
        run_jextract -Dos.name=Windows "-Djava.library.path=$tmp/lib"

    local shared="$gen/$header_class\$shared.java"
    check_output "$shared"

    # The Windows setting must have taken effect: C_LONG has to be a 32-bit int.
    local c_long_decl='public static final ValueLayout.OfInt C_LONG = (ValueLayout.OfInt) Linker.nativeLinker().canonicalLayouts().get("long");'
    grep -qF "$c_long_decl" "$shared" \
        || die "C_LONG is not a 32-bit int layout in $header_class; jextract did not run in Windows mode (does its launcher honour JEXTRACT_JAVA_OPTIONS?)"

    # --- Post-processing ---------------------------------------------------
    # Steps 1 and 2 are the shared ones. These classes must also load on Linux
    # and macOS (their constants and layouts are used there, e.g. in tests),
    # which step 3 takes care of.
    postprocess
    # 3. jextract defines C_LONG by casting the running platform's canonical
    #    "long" layout to OfInt. That is right on Windows but throws
    #    ClassCastException while initialising the class anywhere `long` is 64
    #    bits. A Windows `long` is always a 4-byte little-endian int, which is
    #    exactly ValueLayout.JAVA_INT, so use that and the class loads everywhere.
    sed -i -e 's/\(OfInt C_LONG = \)(ValueLayout\.OfInt) Linker\.nativeLinker()\.canonicalLayouts()\.get("long");/\1ValueLayout.JAVA_INT;/' "$shared"
    if grep -n 'canonicalLayouts().get("long")' "$gen"/*.java; then
        die "post-processing left a platform-dependent C_LONG behind in $header_class"
    fi

    # In the typedef check, jextract appends $<n> to a typedef's class name when
    # it would differ from another class name only in case (WSADATA vs WSAData).
    check_symbols
    mv "$tmp/out" "$tmp/out-$header_class"
    gen="$tmp/out-$header_class/$pkg_dir"
}

# Four runs feed the one package: the constants and layouts of each header
# (winsock_h, registry_h), which name no library and load on every OS, and
# the functions of each DLL (ws2_32_h, advapi32_h), whose header classes open
# their DLL with SymbolLookup.libraryLookup when they initialise, on Windows.
outputs=()
for run in "winsock.h winsock.args winsock_h" "winsock.h ws2_32.args ws2_32_h" \
        "registry.h registry.args registry_h" "registry.h advapi32.args advapi32_h"; do
    # shellcheck disable=SC2086 # three words on purpose
    generate_header $run
    outputs+=("$gen")
done

# --- Merge -----------------------------------------------------------------
merged=$tmp/merged/$pkg_dir
mkdir -p "$merged"
for out in "${outputs[@]}"; do
    for f in "$out"/*.java; do
        [[ ! -e $merged/$(basename "$f") ]] || die "two runs both produced $(basename "$f")"
        cp "$f" "$merged/"
    done
done
gen=$merged

check_compiles
install_package
