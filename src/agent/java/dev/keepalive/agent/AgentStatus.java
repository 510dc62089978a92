package dev.keepalive.agent;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.management.JMException;
import javax.management.ObjectName;

/** The {@link AgentMXBean} over the agent's counters. */
final class AgentStatus implements AgentMXBean {

    /** The name the bean is registered under. */
    static final String OBJECT_NAME = "dev.keepalive:type=Agent";

    private final Policy policy;
    private final String socketAccess;
    private final Counters counters;
    private final Set<String> instrumented = new ConcurrentSkipListSet<>();

    AgentStatus(Policy policy, String socketAccess, Counters counters) {
        this.policy = policy;
        this.socketAccess = socketAccess;
        this.counters = counters;
    }

    /** Notes a JDK class that was instrumented. */
    void instrumented(String className) {
        instrumented.add(className);
    }

    /**
     * Registers this bean with the platform MBean server.
     *
     * @throws JMException if the name is taken (a second copy of the agent) or registration fails
     */
    void register() throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
    }

    @Override
    public String getPolicy() {
        return policy.toString();
    }

    @Override
    public String getSocketAccess() {
        return socketAccess;
    }

    @Override
    public long getConnectionsSeen() {
        return counters.seen.sum();
    }

    @Override
    public long getSettingsApplied() {
        return counters.applied.sum();
    }

    @Override
    public long getSkippedByRules() {
        return counters.skipped.sum();
    }

    @Override
    public long getFailed() {
        return counters.failed.sum();
    }

    @Override
    public long getSettingsKept() {
        return counters.kept.sum();
    }

    @Override
    public List<String> getInstrumentedClasses() {
        return List.copyOf(instrumented);
    }
}
