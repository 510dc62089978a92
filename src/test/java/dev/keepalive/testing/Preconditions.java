package dev.keepalive.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine it runs on. On a developer's machine a missing precondition skips the test,
 * saying why; in CI (the environment variable {@code CI} is set, as {@code .ci/run} and CI services do) it fails
 * the test with the same reason, so a test that could not run is never counted as one that passed.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** Whether this is a CI run: {@code CI} is set to anything but empty or {@code false}. */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /**
     * Does nothing if the precondition is met; otherwise skips the calling test, or fails it in CI.
     *
     * @param met whether the machine has what the test needs
     * @param reason what is missing, such as {@code ss (iproute2) is not installed}
     */
    public static void require(boolean met, String reason) {
        if (met) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("cannot run here, and CI must not skip: " + reason);
        }
        Assumptions.abort(reason);
    }
}
