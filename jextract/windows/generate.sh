#!/usr/bin/env bash
# Regenerates the Windows x86-64 FFM bindings in
#   src/main/java/dev/keepalive/internal/windows/gen/
# from winsock.h with the options in winsock.args.
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
# libclang that the jextract launcher uses (see "Run jextract" below).
#
# Re-running it on the same inputs reproduces the committed files byte for byte.
set -euo pipefail

die() { echo "generate.sh (windows): $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
src_root="$repo/src/main/java"
pkg_dir="dev/keepalive/internal/windows/gen"
header_class="winsock_h"
args_file="winsock.args"
mingw_include=/usr/x86_64-w64-mingw32/include

[[ $(uname -s) == Linux ]] || die "must run on Linux (it uses the MinGW-w64 headers of a Linux machine)"
[[ -f $mingw_include/winsock2.h ]] \
    || die "MinGW-w64 headers not found in $mingw_include (Debian: apt-get install mingw-w64-x86-64-dev)"

# --- Locate jextract -------------------------------------------------------
if [[ -n ${JEXTRACT:-} ]]; then
    jextract=$JEXTRACT
    [[ -f $jextract && -x $jextract ]] || die "JEXTRACT=$JEXTRACT is not an executable file"
elif jextract=$(command -v jextract); then
    :
else
    die "jextract not found. Set JEXTRACT=/path/to/jextract/bin/jextract or put jextract on PATH (see jextract/README.md)."
fi

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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/lib"
ln -s "$(readlink -f "$libclang")" "$tmp/lib/liblibclang.so"

# --- Run jextract ----------------------------------------------------------
# jextract reads compile_flags.txt from the current directory and adds the
# current directory to the include path, so run it from this directory.
# JEXTRACT_JAVA_OPTIONS is passed to the JVM by jextract's launcher.
#
# With os.name set to Windows, jextract also leaves libclang's crash recovery
# switched on. On Linux that installs libclang signal handlers over the JVM's
# own, and the JVM then dies at random with SIGSEGV. libclang skips crash
# recovery when LIBCLANG_DISABLE_CRASH_RECOVERY is set in the environment,
# which is what jextract arranges itself when it knows it runs on Linux.
# -XX:ErrorFile keeps any JVM crash log out of the source tree.
cd "$here"
LIBCLANG_DISABLE_CRASH_RECOVERY=1 \
JEXTRACT_JAVA_OPTIONS="${JEXTRACT_JAVA_OPTIONS:-} -Dos.name=Windows -Djava.library.path=$tmp/lib -XX:ErrorFile=${TMPDIR:-/tmp}/jextract_hs_err_pid%p.log" \
    "$jextract" "@$args_file" --output "$tmp/out" winsock.h \
    || die "jextract failed"

gen="$tmp/out/$pkg_dir"
shared="$gen/$header_class\$shared.java"
[[ -f "$gen/$header_class.java" && -f $shared ]] || die "jextract produced no $pkg_dir/$header_class.java"
extra=$(cd "$tmp/out" && find . -type f -name '*.java' ! -path "./$pkg_dir/*")
[[ -z $extra ]] || die "jextract wrote files outside $pkg_dir: $extra"

# The Windows setting must have taken effect: C_LONG has to be a 32-bit int.
c_long_decl='public static final ValueLayout.OfInt C_LONG = (ValueLayout.OfInt) Linker.nativeLinker().canonicalLayouts().get("long");'
grep -qF "$c_long_decl" "$shared" \
    || die "C_LONG is not a 32-bit int layout; jextract did not run in Windows mode (does its launcher honour JEXTRACT_JAVA_OPTIONS?)"

# --- Post-processing -------------------------------------------------------
# The project is compiled with --release 22 and these classes must also load
# on Linux and macOS (their constants and layouts are used there, e.g. in
# tests). Each step below rewrites one construct.
for f in "$gen"/*.java; do
    # 1. SymbolLookup.findOrThrow(String) exists only from JDK 23. Replace it
    #    with find(String).orElseThrow(...), which is JDK 22 API and throws the
    #    same exception type (NoSuchElementException) when a symbol is absent.
    sed -i -e 's/\.findOrThrow("\([^"]*\)")/.find("\1").orElseThrow(() -> new NoSuchElementException("Symbol not found: \1"))/g' "$f"
    # 2. Mark the files as generated and post-processed, so nobody edits them
    #    by hand.
    sed -i -e '1s|^// Generated by jextract$|// Generated by jextract from jextract/windows/winsock.h and post-processed by jextract/windows/generate.sh. Do not edit.|' "$f"
done
# 3. jextract defines C_LONG by casting the running platform's canonical
#    "long" layout to OfInt. That is right on Windows but throws
#    ClassCastException while initialising the class anywhere `long` is 64
#    bits. A Windows `long` is always a 4-byte little-endian int, which is
#    exactly ValueLayout.JAVA_INT, so use that and the class loads everywhere.
sed -i -e 's/\(OfInt C_LONG = \)(ValueLayout\.OfInt) Linker\.nativeLinker()\.canonicalLayouts()\.get("long");/\1ValueLayout.JAVA_INT;/' "$shared"

if grep -n 'findOrThrow' "$gen"/*.java; then
    die "post-processing left findOrThrow calls behind"
fi
if grep -n 'canonicalLayouts().get("long")' "$gen"/*.java; then
    die "post-processing left a platform-dependent C_LONG behind"
fi

# --- Check that every requested symbol was generated -----------------------
# jextract silently skips names it cannot find, so compare the output with the
# names listed in the args file.
missing=()
while read -r opt name; do
    case $opt in
        --include-function)
            grep -Eq "^    public static [^ ]+ ${name}\(" "$gen/$header_class"*.java \
                && grep -Eq "^    public static FunctionDescriptor ${name}\\\$descriptor\(\)" "$gen/$header_class"*.java \
                || missing+=("function $name") ;;
        --include-constant)
            grep -Eq "^    public static [^ ]+ ${name}\(\) \{" "$gen/$header_class"*.java \
                || missing+=("constant $name") ;;
        --include-struct|--include-union)
            grep -Eq "^public class ${name} " "$gen/$name.java" 2>/dev/null \
                || missing+=("${opt#--include-} $name") ;;
        --include-typedef)
            # A typedef of a primitive becomes a layout field of the header
            # class; a typedef of a struct becomes a subclass of the struct's
            # class. jextract appends $<n> to that class's name when it would
            # differ from another class name only in case (WSADATA vs WSAData).
            grep -Eq "^    public static final [^ ]+ ${name} = " "$gen/$header_class"*.java \
                || grep -Eqs "^public class ${name}(\\\$[0-9]+)? extends " "$gen/$name.java" "$gen/$name\$"*.java \
                || missing+=("typedef $name") ;;
        --include-var)
            grep -Eq "^    public static [^ ]+ ${name}\(\) \{" "$gen/$header_class"*.java \
                || missing+=("variable $name") ;;
        --include-*)
            die "no output check for option $opt" ;;
    esac
done < <(sed -e 's/#.*//' "$here/$args_file" | awk 'NF')
if ((${#missing[@]})); then
    printf '  missing: %s\n' "${missing[@]}" >&2
    die "${#missing[@]} requested symbol(s) not generated"
fi

# --- Check the output compiles against the JDK 22 API ----------------------
# Uses javac from $JAVA_HOME or PATH if it is JDK 22 or newer.
javac_bin=""
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
    javac_bin=$JAVA_HOME/bin/javac
elif command -v javac >/dev/null; then
    javac_bin=$(command -v javac)
fi
javac_major=0
if [[ -n $javac_bin ]]; then
    javac_major=$("$javac_bin" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
fi
if ((${javac_major:-0} >= 22)); then
    "$javac_bin" --release 22 -nowarn -d "$tmp/classes" "$gen"/*.java \
        || die "generated sources do not compile with --release 22"
else
    echo "generate.sh (windows): warning: no javac 22+ found; skipped the --release 22 compile check" >&2
fi

# --- Replace the committed package ------------------------------------------
rm -rf "${src_root:?}/$pkg_dir"
mkdir -p "$(dirname "$src_root/$pkg_dir")"
cp -r "$gen" "$src_root/$pkg_dir"
echo "generate.sh (windows): wrote $(find "$src_root/$pkg_dir" -type f | wc -l) files to src/main/java/$pkg_dir"
