#!/usr/bin/env bash
# Puts one-line bugs into a copy of the tree, one at a time, and runs the test meant to catch each.
#
#   bash src/test/mutations/run.sh                 every mutation below
#   bash src/test/mutations/run.sh enobufs leak    only those named
#
# Each mutation is applied with sed to a fresh copy of the working tree (uncommitted changes included) in a
# temporary folder; the tree itself is never touched. A mutation whose pattern no longer matches the code is
# reported as "stale" (the code moved: update its line below). Exit status: 0 when every mutation ends as
# expected, 1 otherwise. Each takes about a minute (a build and the named test).
set -uo pipefail
cd "$(dirname "$0")/../../.."

NAMES=() FILES=() TESTS=() KINDS=() EXPECTED=() EXPRESSIONS=()
# mutation NAME FILE (under src/main/java/dev/keepalive) TEST KIND (it: failsafe, unit: surefire) EXPECTED SED
mutation() {
    NAMES+=("$1") FILES+=("$2") TESTS+=("$3") KINDS+=("$4") EXPECTED+=("$5") EXPRESSIONS+=("$6")
}
mutation rollback internal/KeepAliveSession.java AtomicApplyIT it survives \
    's/== OptionTable.ABSENT || previous < 0) {/== OptionTable.ABSENT || previous < 0 || setting == Setting.USER_TIMEOUT) {/'
mutation set-unlocked internal/KeepAliveSession.java CloseLockIT it killed \
    '/public void set(Setting setting, int value) throws IOException {/{n;s/synchronized (guard.lock()) {/{/}'
mutation socket-own-lock internal/JdkSockets.java CloseLockIT it killed \
    's/new Guard(fd, HANDLES.implLock.get(impl), closed, false)/new Guard(fd, new Object(), closed, false)/'
mutation channel-own-lock internal/JdkSockets.java CloseLockIT it killed \
    's/Object lock = server ? HANDLES.serverChannelLock.get(channel) : HANDLES.channelLock.get(channel);/Object lock = new Object();/'
mutation enobufs internal/posix/LinuxConstants.java ErrnoNamesIT it killed \
    's/.add(ENOBUFS(), "ENOBUFS")/.add(ENOBUFS(), "ENOMEM")/'
mutation leak internal/posix/PosixCalls.java NoLeakSoakIT it killed \
    's/Arena.ofAuto().allocate(/Arena.global().allocate(/'
mutation detection-round-down DetectionTime.java DeadPeerIT it killed \
    's/^                intervals++;/                intervals += 0;/'
mutation unit-round-down internal/Unit.java ErrorCasesIT it killed \
    's|long partial = (duration.getNano() + nanos - 1) / nanos;|long partial = duration.getNano() / nanos;|'
mutation source-always-socket internal/EffectiveReader.java WindowsEffectiveTest unit killed \
    's/ValueSource source = options.sourceOf(setting);/ValueSource source = ValueSource.SOCKET;/'

selected=("$@")
failures=0
results=()
for i in "${!NAMES[@]}"; do
    name=${NAMES[i]} file=${FILES[i]} test=${TESTS[i]} kind=${KINDS[i]} expected=${EXPECTED[i]}
    expression=${EXPRESSIONS[i]}
    if ((${#selected[@]})) && [[ " ${selected[*]} " != *" $name "* ]]; then
        continue
    fi
    copy=$(mktemp -d)
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy"
    target="$copy/src/main/java/dev/keepalive/$file"
    sed -i "$expression" "$target"
    if git diff --no-index --quiet "src/main/java/dev/keepalive/$file" "$target"; then
        outcome=stale
    elif ! (cd "$copy" && mvn -B -q test-compile >"$copy/build.log" 2>&1); then
        outcome="does not compile"
    else
        if [[ $kind == it ]]; then
            selection=(-Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false "-Dit.test=$test")
        else
            selection=("-Dtest=$test" -Dit.test=NoSuch -Dfailsafe.failIfNoSpecifiedTests=false)
        fi
        if (cd "$copy" && mvn -B -q verify "${selection[@]}" >"$copy/build.log" 2>&1); then
            outcome=survives
        else
            outcome=killed
        fi
    fi
    mark=ok
    if [[ $outcome != "$expected" ]]; then
        mark=UNEXPECTED
        failures=$((failures + 1))
        echo "--- $name: last lines of the build ($copy/build.log kept)"
        tail -n 30 "$copy/build.log"
    else
        rm -rf "$copy"
    fi
    results+=("$(printf '%-22s %-18s %-16s expected %-9s %s' "$name" "$test" "$outcome" "$expected" "$mark")")
    echo "${results[-1]}"
done

echo
echo "mutation               test               outcome"
printf '%s\n' "${results[@]}"
exit $((failures > 0))
