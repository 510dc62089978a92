package dev.keepalive.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command, usually a child JVM, in a network namespace of its own: {@code unshare -rn} makes a user
 * and a network namespace, {@code ip link set lo up} brings its loopback up, and both vanish with the
 * process. Nothing outside the namespace is touched, so firewall rules added inside (see {@link Firewall})
 * affect only the child.
 *
 * {@snippet :
 * PrivateNetwork.requireFirewall();     // skips (in CI fails), naming what is missing, where nft/iptables is absent
 * Jvm.Result result = PrivateNetwork.runJava(MyScenario.class.getName(), List.of("arg"), Duration.ofSeconds(30));
 * // the same with the namespace's own sysctls changed before the child starts
 * PrivateNetwork.runJava(MyScenario.class.getName(), List.of(), Duration.ofSeconds(30),
 *         Map.of("net/ipv4/tcp_keepalive_time", "1234"));
 * }
 */
public final class PrivateNetwork {

    /** Generous: on a loaded machine a JVM-less check still takes a few seconds at worst. */
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(30);
    private static Optional<String> namespaceProblem;
    private static Optional<String> firewallProblem;

    private PrivateNetwork() {
    }

    /**
     * Skips the calling test, saying why, unless a private network with loopback up can be made here; in CI it
     * fails the test instead (see {@link Preconditions}).
     */
    public static synchronized void requireAvailable() {
        if (namespaceProblem == null) {
            namespaceProblem = problemRunning(List.of("true"), "unshare -rn with ip link set lo up");
        }
        namespaceProblem.ifPresent(problem -> Preconditions.require(false, problem));
    }

    /** Like {@link #requireAvailable()}, and also requires that nft or iptables can add a rule inside it. */
    public static synchronized void requireFirewall() {
        requireAvailable();
        if (firewallProblem == null) {
            firewallProblem = Firewall.tool()
                    .map(tool -> problemRunning(Firewall.selfTest(tool), tool + " in a private network"))
                    .orElse(Optional.of("neither nft (nftables) nor iptables is installed"));
        }
        firewallProblem.ifPresent(problem -> Preconditions.require(false, problem));
    }

    /**
     * Runs a command in a new private network, killing it if it outlives the limit.
     *
     * @param command the program and its arguments; it runs once loopback is up
     * @return its exit code and merged output
     * @throws IllegalStateException if it outlives the limit
     */
    public static Jvm.Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        return run(command, limit, Map.of());
    }

    /**
     * Like {@link #run(List, Duration)}, first writing sysctls of the new namespace, such as the
     * {@code net/ipv4/tcp_keepalive_*} defaults that only its own sockets see. The command does not start if a
     * write fails; the shell's message is then in the output.
     *
     * @param sysctls values by path below {@code /proc/sys}, written in the map's order
     */
    public static Jvm.Result run(List<String> command, Duration limit, Map<String, String> sysctls)
            throws IOException, InterruptedException {
        return Jvm.exec(inNamespace(command, sysctls), limit);
    }

    /**
     * Runs a main class of the library or of the tests in a child JVM inside a new private network; the child
     * gets {@link Jvm#LIBRARY_FLAGS} and the classes Maven built.
     */
    public static Jvm.Result runJava(String mainClass, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        return runJava(mainClass, args, limit, Map.of());
    }

    /** Like {@link #runJava(String, List, Duration)}, with sysctls written as {@link #run(List, Duration, Map)} does. */
    public static Jvm.Result runJava(String mainClass, List<String> args, Duration limit, Map<String, String> sysctls)
            throws IOException, InterruptedException {
        return run(Jvm.java(mainClass, args), limit, sysctls);
    }

    /**
     * The command line that runs a command in a new namespace with loopback up and these sysctls written.
     * Names and values reach the shell as arguments, never as script text, so nothing in them is interpreted.
     */
    private static List<String> inNamespace(List<String> command, Map<String, String> sysctls) {
        String unshare = Tools.find("unshare").orElse("unshare");
        String ip = Tools.find("ip").orElse("ip");
        List<String> wrapped = new ArrayList<>(List.of(unshare, "-rn", "sh", "-c",
                "\"$0\" link set lo up || exit"
                        + "; while [ \"$1\" != -- ]; do printf '%s\\n' \"$2\" > \"/proc/sys/$1\" || exit; shift 2; done"
                        + "; shift; exec \"$@\"", ip));
        sysctls.forEach((name, value) -> {
            if (name.equals("--")) {
                throw new IllegalArgumentException("-- ends the sysctls; it cannot name one");
            }
            wrapped.addAll(List.of(name, value));
        });
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<String> problemRunning(List<String> command, String what) {
        if (Tools.find("unshare").isEmpty()) {
            return Optional.of("unshare (util-linux) is not installed");
        }
        if (Tools.find("ip").isEmpty()) {
            return Optional.of("ip (iproute2) is not installed");
        }
        try {
            Jvm.Result result = run(command, CHECK_LIMIT);
            return result.exitCode() == 0 ? Optional.empty()
                    : Optional.of(what + " does not work here: " + result.output().strip());
        } catch (IOException | RuntimeException e) {
            return Optional.of(what + " does not work here: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + what);
        }
    }
}
