#!/bin/sh
# Builds libkeepalivebench.so (the C loops and the JNI shim) into the directory given as $1.
# Without a C compiler it says so and leaves the directory empty: the C and JNI rows are then skipped.
set -eu
out="$1"
src="$(dirname "$0")/keepalive_bench.c"
mkdir -p "$out"
rm -f "$out/libkeepalivebench.so"
cc="${CC:-}"
if [ -z "$cc" ]; then
  for candidate in cc gcc clang; do
    if command -v "$candidate" >/dev/null 2>&1; then cc="$candidate"; break; fi
  done
fi
if [ -z "$cc" ]; then
  echo "[bench] no C compiler (cc, gcc, clang) found: the C loop and JNI benchmarks will be skipped"
  exit 0
fi
if [ "$(uname -s)" != "Linux" ]; then
  echo "[bench] the C loop and JNI shim use Linux's option numbers: skipped on $(uname -s)"
  exit 0
fi
"$cc" -O2 -fPIC -shared -Wall -Wextra -Werror -o "$out/libkeepalivebench.so" "$src"
echo "[bench] built $out/libkeepalivebench.so with $cc"
