package dev.keepalive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import dev.keepalive.testing.KernelSettings;
import dev.keepalive.testing.OwnSockets;
import dev.keepalive.testing.Preconditions;
import dev.keepalive.testing.ProcessDescriptors;
import dev.keepalive.testing.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent on an unmodified program ({@code SocketsApp}, compiled against the JDK alone) in a child JVM. Each
 * connection is checked twice, independently of the agent and of the library: the program reads its own
 * sockets back through the JDK's {@code ExtendedSocketOptions}, and this test copies the child's descriptors
 * with {@code pidfd_getfd} and reads them with a plain {@code getsockopt}; {@code ss} shows the keep-alive
 * timer the kernel runs.
 */
@EnabledOnOs(OS.LINUX)
class AgentIT {

    private static final String POLICY = "idle=19s,interval=3s,probes=6";
    private static final String APPLIED = "keepalive=true idle=19 interval=3 count=6";
    private static final KernelSettings KERNEL = new KernelSettings(1, 19, 3, 6, 0);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @BeforeAll
    static void theKernelCanBeReadFromOutsideTheProgram() {
        ProcessDescriptors.requireAvailable();
        Preconditions.require(Tools.find("ss").isPresent(), "ss (iproute2) is not installed");
    }

    @Test
    void anUnmodifiedProgramReadsTrue19And3And6BackOnASocketAndAChannel() throws Exception {
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of(), POLICY, "socket@127.0.0.1:" + server.port(),
                     "channel@127.0.0.1:" + server.port())) {
            app.line("READY");

            assertThat(app.line("socket@")).endsWith(APPLIED);
            assertThat(app.line("channel@")).endsWith(APPLIED);
            List<Integer> descriptors = OwnSockets.connectedTo(app.pid(), server.port());
            assertThat(descriptors).hasSize(2);
            for (int fd : descriptors) {
                assertThat(ProcessDescriptors.settings(app.pid(), fd)).isEqualTo(KERNEL);
            }
            assertThat(keepAliveTimers(server.port())).hasSize(2)
                    .allSatisfy(millis -> assertThat(millis).isBetween(1L, 19_000L));
            assertThat(app.finish()).isZero();
        }
    }

    @Test
    void everyKindOfConnectionTheProgramMakesOrAcceptsGetsTheSettings() throws Exception {
        int[] ports = freePorts(4);
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of(), POLICY, "adaptor@127.0.0.1:" + server.port(),
                     "nonblocking@127.0.0.1:" + server.port(), "async@127.0.0.1:" + server.port(),
                     "accept@127.0.0.1:" + ports[0], "accept-channel@127.0.0.1:" + ports[1],
                     "accept-async@127.0.0.1:" + ports[2], "http@127.0.0.1:" + ports[3])) {
            app.line("READY");

            assertThat(app.line("adaptor@")).endsWith(APPLIED);
            // pending: connect returned false, so finishConnect completed the connection
            assertThat(app.line("nonblocking@")).endsWith(APPLIED + " pending=true");
            assertThat(app.line("async@")).endsWith(APPLIED);
            assertThat(app.line("accept@")).endsWith(APPLIED);
            assertThat(app.line("accept-channel@")).endsWith(APPLIED);
            assertThat(app.line("accept-async@")).endsWith(APPLIED);
            assertThat(app.line("http@")).endsWith(" status=200 body=ok");
            assertThat(kernelSettings(OwnSockets.connectedTo(app.pid(), server.port()), app)).hasSize(3)
                    .containsOnly(KERNEL);
            for (int port : ports) {
                // the connection the program made to its own server, and the one that server accepted
                assertThat(kernelSettings(OwnSockets.connectedTo(app.pid(), port), app)).containsExactly(KERNEL);
                assertThat(kernelSettings(OwnSockets.acceptedOn(app.pid(), port), app)).containsExactly(KERNEL);
            }
            String bean = app.line("mbean ");
            assertThat(bean).contains("ConnectionsSeen=11 SettingsApplied=11 SkippedByRules=0 Failed=0 ");
            assertThat(bean).contains("SocketAccess=native handle", "Policy=" + POLICY + " ");
            assertThat(instrumented(bean)).contains("java.net.Socket", "java.net.ServerSocket",
                    "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.ServerSocketChannelImpl",
                    "sun.nio.ch.UnixAsynchronousSocketChannelImpl",
                    "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl");
            assertThat(app.finish()).isZero();
        }
    }

    @Test
    void theUserTimeoutIsSetThoughTheJvmWasGivenNoAddOpens() throws Exception {
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of(), "idle=19s,userTimeout=7s", "socket@127.0.0.1:" + server.port())) {
            app.line("READY");

            // the JDK has no option for the user timeout: only the descriptor reaches it
            KernelSettings kernel = ProcessDescriptors.settings(app.pid(),
                    OwnSockets.connectedTo(app.pid(), server.port()).getFirst());
            assertThat(kernel.keepAlive()).isEqualTo(1);
            assertThat(kernel.idle()).isEqualTo(19);
            assertThat(kernel.userTimeout()).isEqualTo(7_000);
            assertThat(app.line("mbean ")).contains("SocketAccess=native handle");
            assertThat(app.finish()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // rules ({A} and {B} are two servers' ports) | connections | which get the settings
        "only=:{A}             | socket@127.0.0.1:{A} socket@127.0.0.1:{B}     | true false",
        "except=:{A}           | socket@127.0.0.1:{A} socket@127.0.0.1:{B}     | false true",
        "only=localhost        | socket@localhost:{A} socket@127.0.0.1:{A}     | true false",
        "only=localhost:{B}    | socket@localhost:{A} socket@localhost:{B}     | false true",
        "except=127.0.0.0/8    | socket@localhost:{A} channel@127.0.0.1:{B}    | false false",
        "only=127.0.0.1,except=:{B} | channel@127.0.0.1:{A} channel@127.0.0.1:{B} | true false",
    })
    void onlyAndExceptChooseTheConnections(String rules, String connections, String covered) throws Exception {
        try (EchoServer a = new EchoServer(); EchoServer b = new EchoServer()) {
            String[] kinds = connections.replace("{A}", "" + a.port()).replace("{B}", "" + b.port()).split(" ");
            String argument = POLICY + "," + rules.replace("{A}", "" + a.port()).replace("{B}", "" + b.port());
            try (RunningApp app = start(List.of(), argument, kinds)) {
                app.line("READY");

                String[] expected = covered.split(" ");
                for (int i = 0; i < kinds.length; i++) {
                    assertThat(app.line(kinds[i] + " ")).endsWith(Boolean.parseBoolean(expected[i]) ? APPLIED
                            : untouched());
                }
                int skipped = (int) List.of(expected).stream().filter("false"::equals).count();
                assertThat(app.line("mbean ")).contains("ConnectionsSeen=" + kinds.length + " SettingsApplied="
                        + (kinds.length - skipped) + " SkippedByRules=" + skipped + " Failed=0 ");
                assertThat(app.finish()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "direction={0}")
    @CsvSource({"outgoing, false, true", "incoming, true, false", "both, true, true"})
    void directionChoosesTheConnectionsAcceptedOrMade(String direction, boolean accepted, boolean made)
            throws Exception {
        int port = freePorts(1)[0];
        try (RunningApp app = start(List.of(), POLICY + ",direction=" + direction, "accept@127.0.0.1:" + port)) {
            app.line("READY");

            assertThat(app.line("accept@")).endsWith(accepted ? APPLIED : untouched());
            // the program's own connection to its server, read in the kernel
            assertThat(kernelSettings(OwnSockets.connectedTo(app.pid(), port), app)).singleElement()
                    .extracting(KernelSettings::keepAlive).isEqualTo(made ? 1 : 0);
            int skipped = (accepted ? 0 : 1) + (made ? 0 : 1);
            assertThat(app.line("mbean ")).contains("ConnectionsSeen=2 SettingsApplied=" + (2 - skipped)
                    + " SkippedByRules=" + skipped + " Failed=0 ");
            assertThat(app.finish()).isZero();
        }
    }

    @Test
    void withoutTheAgentTheSameProgramReadsTheSystemDefaults() throws Exception {
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of(), null, "socket@127.0.0.1:" + server.port(),
                     "channel@127.0.0.1:" + server.port())) {
            app.line("READY");

            assertThat(app.line("socket@")).endsWith(untouched());
            assertThat(app.line("channel@")).endsWith(untouched());
            assertThat(kernelSettings(OwnSockets.connectedTo(app.pid(), server.port()), app))
                    .allSatisfy(kernel -> assertThat(kernel.keepAlive()).isZero());
            assertThat(keepAliveTimers(server.port())).isEmpty();
            assertThat(app.line("mbean ")).isEqualTo("mbean none");
            assertThat(app.finish()).isZero();
        }
    }

    @Test
    void thePolicyStaysInForceWhereTheProgramChangesTheOptionsOfACoveredConnection() throws Exception {
        try (EchoServer covered = new EchoServer(); EchoServer other = new EchoServer();
             RunningApp app = start(List.of(), POLICY + ",except=:" + other.port(),
                     "socket-off@127.0.0.1:" + covered.port(), "channel-off@127.0.0.1:" + covered.port(),
                     "socket-retune@127.0.0.1:" + covered.port(), "channel-retune@127.0.0.1:" + covered.port(),
                     "socket-off@127.0.0.1:" + other.port(), "socket-retune@127.0.0.1:" + other.port())) {
            app.line("READY");

            assertThat(app.line("socket-off@127.0.0.1:" + covered.port() + " ")).endsWith(APPLIED);
            assertThat(app.line("channel-off@")).endsWith(APPLIED);
            assertThat(app.line("socket-retune@127.0.0.1:" + covered.port() + " ")).endsWith(APPLIED);
            assertThat(app.line("channel-retune@")).endsWith(APPLIED);
            // a connection the policy leaves alone takes what the program sets
            assertThat(app.line("socket-off@127.0.0.1:" + other.port() + " ")).endsWith(untouched());
            assertThat(app.line("socket-retune@127.0.0.1:" + other.port() + " ")).endsWith("keepalive=false idle=7200"
                    + " interval=" + systemDefault("tcp_keepalive_intvl") + " count=9");
            // SO_KEEPALIVE twice, TCP_KEEPIDLE and TCP_KEEPCOUNT on the plain socket, TCP_KEEPINTERVAL on the channel
            assertThat(app.line("mbean ")).contains("SettingsKept=5 ");
            assertThat(app.finish()).isZero();
            assertThat(app.output()).containsOnlyOnce("SocketsApp set SO_KEEPALIVE to false on a java.net.Socket that"
                    + " the agent's policy covers; the agent set true")
                    .contains("SocketsApp set TCP_KEEPIDLE to 7200 on a java.net.Socket that the agent's policy covers;"
                            + " the agent set 19");
        }
    }

    @Test
    void aConnectionThatCannotTakeTheOptionsWorksAndIsCountedAndLoggedOnce() throws Exception {
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of(), POLICY, "custom@127.0.0.1:" + server.port(),
                     "custom@127.0.0.1:" + server.port(), "unix", "socket@127.0.0.1:" + server.port())) {
            app.line("READY");

            // a socket whose own implementation refuses every option carries the bytes all the same
            assertThat(app.line("custom@")).endsWith("works=true");
            // a Unix domain connection is no TCP connection: left alone, not counted
            assertThat(app.line("unix ")).isEqualTo("unix works=true");
            assertThat(app.line("socket@")).endsWith(APPLIED);
            // each custom socket runs over a JDK socket of its own, which gets the settings
            assertThat(app.line("mbean ")).contains("ConnectionsSeen=5 SettingsApplied=3 SkippedByRules=0 Failed=2 ");
            assertThat(app.finish()).isZero();
            assertThat(app.output()).containsOnlyOnce("could not apply idle=19s,interval=3s,probes=6 to the"
                    + " SocketsApp$1 connected to 127.0.0.1:" + server.port() + ": the socket does not offer them");
        }
    }

    @Test
    void attachedToARunningJvmTheAgentCoversTheConnectionsMadeFromThenOn() throws Exception {
        try (EchoServer server = new EchoServer();
             RunningApp app = start(List.of("-XX:+EnableDynamicAgentLoading"), null,
                     "socket@127.0.0.1:" + server.port(), "wait", "channel@127.0.0.1:" + server.port())) {
            app.line("WAITING");

            assertThat(attach(app, "idle=banana")).startsWith("failed: ")
                    .contains("AgentInitializationException");
            assertThat(app.line("socket-keepalive agent: cannot attach")).isEqualTo("socket-keepalive agent: cannot"
                    + " attach with 'idle=banana': idle: 'banana' is not a duration: write a whole number with ms,"
                    + " s, m or h (1500ms, 30s, 2m, 1h), or ISO-8601 (PT30S)");
            assertThat(attach(app, POLICY)).isEqualTo("loaded");
            app.send("go");
            app.line("READY");

            assertThat(app.line("socket@")).endsWith(untouched());
            assertThat(app.line("channel@")).endsWith(APPLIED);
            assertThat(app.line("mbean ")).contains("ConnectionsSeen=1 SettingsApplied=1 ");
            assertThat(app.finish()).isZero();
        }
    }

    private static String attach(RunningApp app, String argument) throws Exception {
        Jvm.Result attached = Jvm.exec(List.of(Jvm.tool("java"), "-cp", AgentApps.classes().toString(), "Attacher",
                Long.toString(app.pid()), AgentApps.agentJar().toString(), argument), LIMIT);
        assertThat(attached.exitCode()).as(attached.output()).isZero();
        return attached.output().strip();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "idle=banana         | idle: 'banana' is not a duration",
        "idle=30s,only=10.0.0.0/33 | only: '33' in '10.0.0.0/33' is not a prefix length from 0 to 32",
        "idle=30s,port=5432  | unknown key 'port'",
        "''                  | no keep-alive settings given",
        "idle=40000s         | idle",
        "probes=300          | probes",
    })
    void aMalformedArgumentStopsTheJvmBeforeMainWithTheMessage(String argument, String message) throws Exception {
        Jvm.Result result = Jvm.exec(AgentApps.command(List.of(), argument, List.of(), "SocketsApp", List.of()),
                LIMIT);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("socket-keepalive agent: cannot start with '" + argument + "': ")
                .contains(message)
                .contains("socket-keepalive agent: stopping the JVM")
                .doesNotContain("READY", "mbean", "FATAL", "Exception in thread");
    }

    @Test
    void theStartLineNamesThePolicyAndNativeAccessSilencesTheJvmsWarning() throws Exception {
        try (EchoServer server = new EchoServer()) {
            String argument = POLICY + ",only=:" + server.port();
            String warned;
            try (RunningApp app = start(List.of(), argument)) {
                app.line("READY");
                assertThat(app.finish()).isZero();
                warned = app.output();
            }
            assertThat(warned).contains("INFO: socket-keepalive agent: " + argument + " on TCP connections"
                    + " this JVM makes or accepts that match :" + server.port() + " (sockets reached through the"
                    + " native handle; native access is not enabled for the class path, so the JVM warns once");
            assertThat(warned).contains("WARNING: Use --enable-native-access=ALL-UNNAMED");

            try (RunningApp app = start(List.of("--enable-native-access=ALL-UNNAMED"), argument)) {
                app.line("READY");
                assertThat(app.finish()).isZero();
                assertThat(app.output()).contains("INFO: socket-keepalive agent: " + argument + " on TCP"
                        + " connections this JVM makes or accepts that match :" + server.port()
                        + " (sockets reached through the native handle)")
                        .doesNotContain("WARNING");
            }
        }
    }

    private static RunningApp start(List<String> options, String argument, String... kinds)
            throws IOException, InterruptedException {
        return RunningApp.start(AgentApps.command(options, argument, List.of(), "SocketsApp", List.of(kinds)));
    }

    private static List<KernelSettings> kernelSettings(List<Integer> descriptors, RunningApp app) {
        return descriptors.stream().map(fd -> ProcessDescriptors.settings(app.pid(), fd)).toList();
    }

    private static List<String> instrumented(String bean) {
        Matcher classes = Pattern.compile("InstrumentedClasses=(\\S*)").matcher(bean);
        return classes.find() ? List.of(classes.group(1).split(",")) : List.of();
    }

    /** The keep-alive timers, in ms left, of the established connections to the port, as {@code ss} shows them. */
    static List<Long> keepAliveTimers(int remotePort) throws IOException, InterruptedException {
        Jvm.Result ss = Jvm.exec(List.of(Tools.find("ss").orElse("ss"), "-tnoH", "state", "established", "( dport = :" + remotePort + " )"),
                Duration.ofSeconds(10));
        assertThat(ss.exitCode()).as(ss.output()).isZero();
        List<Long> timers = new ArrayList<>();
        Matcher timer = Pattern.compile("timer:\\(keepalive,(?:(\\d+)min)?(?:(\\d+)sec)?(?:(\\d+)ms)?,")
                .matcher(ss.output());
        while (timer.find()) {
            timers.add(part(timer.group(1)) * 60_000 + part(timer.group(2)) * 1_000 + part(timer.group(3)));
        }
        return timers;
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** What the JDK reads back of a socket nobody changed: keep-alive off, the system's defaults. */
    private static String untouched() throws IOException {
        return "keepalive=false idle=" + systemDefault("tcp_keepalive_time") + " interval="
                + systemDefault("tcp_keepalive_intvl") + " count=" + systemDefault("tcp_keepalive_probes");
    }

    private static String systemDefault(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc/sys/net/ipv4", name)).getFirst().strip();
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }
}
