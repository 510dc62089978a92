package dev.keepalive.agent;

import java.util.List;

/**
 * The agent as JMX shows it, registered as {@code dev.keepalive:type=Agent}. Counts run from the JVM's start;
 * {@code ConnectionsSeen} = {@code SettingsApplied} + {@code SkippedByRules} + {@code Failed}, give or take the
 * connections being handled at the moment of reading.
 */
public interface AgentMXBean {

    /**
     * The policy in force, as an agent argument.
     *
     * @return for example {@code idle=30s,interval=5s,probes=3,only=:5432}
     */
    String getPolicy();

    /**
     * How the library reaches JDK sockets in this JVM.
     *
     * @return {@code native handle}, or {@code JDK socket options} if {@code java.base} could not be opened
     */
    String getSocketAccess();

    /**
     * The TCP connections this JVM made or accepted since the agent started.
     *
     * @return the count
     */
    long getConnectionsSeen();

    /**
     * The connections that got the settings.
     *
     * @return the count
     */
    long getSettingsApplied();

    /**
     * The connections that the direction or the {@code only} and {@code except} rules leave alone.
     *
     * @return the count
     */
    long getSkippedByRules();

    /**
     * The connections whose settings could not be applied; each went on without them, and the first failure
     * of each kind was logged.
     *
     * @return the count
     */
    long getFailed();

    /**
     * The times the application or a library set {@code SO_KEEPALIVE}, {@code TCP_KEEPIDLE},
     * {@code TCP_KEEPINTERVAL} or {@code TCP_KEEPCOUNT} of a covered connection to another value than the
     * policy's, and the agent set the policy's value instead.
     *
     * @return the count
     */
    long getSettingsKept();

    /**
     * The JDK classes instrumented so far; a class is instrumented when it is first loaded, so a socket kind
     * the application has not used yet may be missing.
     *
     * @return binary class names, sorted
     */
    List<String> getInstrumentedClasses();
}
