#!/usr/bin/env bash
# Regenerates the Linux FFM bindings in
#   src/main/java/dev/keepalive/internal/posix/gen/
# from posix.h (glibc headers) with the options in posix.args.
#
# Needs a jextract launcher: $JEXTRACT if set, otherwise `jextract` on PATH.
# See jextract/README.md for the prerequisites. Run it on an x86-64 Linux
# machine with glibc's development headers installed:
#
#   jextract/linux/generate.sh
#
# Re-running it on the same inputs reproduces the committed files byte for byte.
# The steps shared with windows/generate.sh are in ../common.sh.
set -euo pipefail

platform=linux
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
header="posix.h"
args_file="posix.args"
header_class="posix_h"
pkg_dir="dev/keepalive/internal/posix/gen"
# shellcheck source=SCRIPTDIR/../common.sh
source "$here/../common.sh"

[[ $(uname -s) == Linux ]] || die "must run on Linux (the bindings are made from this machine's glibc headers)"

# Linux only: the functions are the C library's, which the linker's default
# lookup finds. jextract's lookup, SymbolLookup.loaderLookup() tried first,
# finds only libraries loaded with System.loadLibrary, which this library never
# calls, and building it costs a fresh JVM about 3 ms of its first call; the
# automatic arena beside it serves only that lookup. Use the default lookup
# alone and drop the arena (check_compiles fails should anything still use it).
default_lookup_only() {
    local f="$gen/$header_class.java"
    sed -i -e '/^    static final SymbolLookup SYMBOL_LOOKUP = SymbolLookup.loaderLookup()$/{
N
s/SymbolLookup.loaderLookup()\n *\.or(\(Linker.nativeLinker().defaultLookup()\));/\1;/
}' "$f"
    grep -q '^    static final SymbolLookup SYMBOL_LOOKUP = Linker.nativeLinker().defaultLookup();$' "$f" \
        || die "post-processing did not find jextract's symbol lookup in $header_class.java"
    sed -i -e '/^    static final Arena LIBRARY_ARENA = Arena.ofAuto();$/{
N
/\n$/d
}' "$f"
    if grep -n 'loaderLookup\|static final Arena LIBRARY_ARENA' "$gen"/*.java; then
        die "post-processing left the loader lookup or its arena behind"
    fi
}

find_jextract
make_tmp
run_jextract
check_output
postprocess
default_lookup_only
check_symbols
check_compiles
install_package
