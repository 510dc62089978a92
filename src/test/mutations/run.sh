#!/usr/bin/env bash
# Puts one-line bugs into a copy of the tree, one at a time, and runs the test meant to catch each.
#
#   bash src/test/mutations/run.sh                 every mutation below
#   bash src/test/mutations/run.sh enobufs leak    only those named
#
# Each mutation is applied with sed to a fresh copy of the working tree (uncommitted changes included) in a
# temporary folder; the tree itself is never touched. A mutation whose pattern no longer matches the code is
# reported as "stale" (the code moved: update its line below). Exit status: 0 when every mutation ends as
# expected, 1 otherwise. Each takes one to three minutes (a build and the named test).
set -uo pipefail
cd "$(dirname "$0")/../../.."

NAMES=() FILES=() TESTS=() KINDS=() EXPECTED=() EXPRESSIONS=()
# mutation NAME FILE (under src/main/java/dev/keepalive) TEST KIND (it: failsafe, unit: surefire) EXPECTED SED...
# Several sed expressions make one bug together; each must change the file, or the mutation is stale.
mutation() {
    NAMES+=("$1") FILES+=("$2") TESTS+=("$3") KINDS+=("$4") EXPECTED+=("$5")
    local IFS=$'\x1f'
    EXPRESSIONS+=("${*:6}")
}
# rollbacks: the user timeout is put back only where an option follows it (old Windows, when no time is given)
mutation rollback internal/windows/KeepAliveValsBackend.java WindowsBackendTest unit killed \
    's/undo(failure, userTimeoutSet && userTimeoutBefore != NativeKeepAlive.ABSENT,/undo(failure, false,/'
mutation rollback-last-but-one internal/SockoptBackend.java AtomicApplyIT it killed \
    's/for (int i = done - 1; i >= 0; i--) {/for (int i = done - 2; i >= 0; i--) {/'
# equivalent: TCP_USER_TIMEOUT is the last option SockoptBackend sets, and the last one set is never set back
mutation rollback-user-timeout-last internal/SockoptBackend.java AtomicApplyIT it survives \
    's/if (wanted.has(setting) && before.has(setting)) {/if (wanted.has(setting) \&\& before.has(setting) \&\& setting != Setting.USER_TIMEOUT) {/'
# the close lock
mutation set-unlocked internal/KeepAliveSession.java CloseLockIT it killed \
    's/^        lockedInt(true, setting, value);/        backend.set(guard.handle(guard.lock()), setting, value);/'
mutation socket-own-lock internal/ImplGuard.java CloseLockIT it killed \
    's/return impl == null ? FOREIGN : handles.stateLock().get(impl);/return impl == null ? FOREIGN : this;/' \
    's/if (impl == null || handles.stateLock().get(impl) != lock) {/if (impl == null) {/'
mutation channel-own-lock internal/JdkSockets.java CloseLockIT it killed \
    's/Object lock = server ? handles.serverStateLock().get(channel) : handles.stateLock().get(channel);/Object lock = new Object();/'
mutation async-own-lock internal/JdkSockets.java CloseLockIT it killed \
    's/closeLock.readLock(), false)/new java.util.concurrent.locks.ReentrantReadWriteLock().readLock(), false)/'
mutation async-lock-per-step internal/KeepAliveSession.java CloseLockIT it killed \
    '/private <T, R> R locked(/,/synchronized (lock)/s/long handle = guard.handle(lock);/long handle = guard.handle(lock); closeLock.unlock(); closeLock.lock(); guard.handle(lock);/'
# errno names, native memory, arithmetic, reports
mutation enobufs internal/posix/LinuxOptions.java ErrnoNamesIT it killed \
    's/.add(ENOBUFS(), "ENOBUFS")/.add(ENOBUFS(), "ENOMEM")/'
mutation leak internal/posix/PosixCalls.java NoLeakSoakIT it killed \
    '0,/Scratch scratch = SCRATCH.take();/s//Scratch scratch = new Scratch(Arena.global());/'
mutation detection-round-down DetectionTime.java DeadPeerIT it killed \
    's/^                intervals++;/                intervals += 0;/'
mutation unit-round-down internal/Unit.java ErrorCasesIT it killed \
    's/return nano == 0 ? seconds : seconds == Long.MAX_VALUE ? Long.MAX_VALUE : seconds + 1;/return seconds;/'
mutation unset-read-as-socket internal/EffectiveReader.java MacEffectiveTest unit killed \
    's/^        if (value == 0) {/        if (false) {/'

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
    outcome=""
    IFS=$'\x1f' read -r -a steps <<<"$expression"
    for step in "${steps[@]}"; do
        cp "$target" "$copy/before"
        sed -i "$step" "$target"
        cmp -s "$copy/before" "$target" && outcome=stale
    done
    if [[ $outcome == stale ]]; then
        :
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
    results+=("$(printf '%-27s %-19s %-16s expected %-9s %s' "$name" "$test" "$outcome" "$expected" "$mark")")
    echo "${results[-1]}"
done

echo
printf '%-27s %-19s %s\n' mutation test outcome
printf '%s\n' "${results[@]}"
exit $((failures > 0))
