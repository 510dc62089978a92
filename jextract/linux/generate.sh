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

find_jextract
make_tmp
run_jextract
check_output
postprocess
check_symbols
check_compiles
install_package
