package dev.keepalive.internal.posix;

import dev.keepalive.internal.ErrorNames;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.Unit;
import java.util.List;

/**
 * The numbers one POSIX system gives the keep-alive options, their limits, and its {@code errno} names.
 *
 * @param os the OS's name
 * @param solSocket {@code SOL_SOCKET}
 * @param soKeepAlive {@code SO_KEEPALIVE}
 * @param ipprotoTcp {@code IPPROTO_TCP}
 * @param idleName the idle option's C name ({@code TCP_KEEPIDLE} on Linux, {@code TCP_KEEPALIVE} on macOS)
 * @param idle the idle option's number
 * @param idleMax the largest idle time in seconds
 * @param interval {@code TCP_KEEPINTVL}
 * @param intervalMax the largest interval in seconds
 * @param count {@code TCP_KEEPCNT}
 * @param countMax the largest probe count
 * @param userTimeoutName the user-timeout option's C name
 * @param userTimeout the user-timeout option's number
 * @param userTimeoutUnit the user-timeout option's unit
 * @param userTimeoutMax the largest user timeout in that unit
 * @param errors the {@code errno} names
 */
public record PosixConstants(String os, int solSocket, int soKeepAlive, int ipprotoTcp,
                             String idleName, int idle, long idleMax, int interval, long intervalMax,
                             int count, long countMax, String userTimeoutName, int userTimeout,
                             Unit userTimeoutUnit, long userTimeoutMax, ErrorNames errors) {

    /**
     * The option table these constants describe.
     *
     * @return the table
     */
    public OptionTable table() {
        return new OptionTable(os, List.of(
                OptionSpec.sockopt(Setting.IDLE, idleName, ipprotoTcp, idle, Unit.SECONDS, 1, idleMax),
                OptionSpec.sockopt(Setting.INTERVAL, "TCP_KEEPINTVL", ipprotoTcp, interval, Unit.SECONDS, 1,
                        intervalMax),
                OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", ipprotoTcp, count, Unit.COUNT, 1, countMax),
                OptionSpec.sockopt(Setting.USER_TIMEOUT, userTimeoutName, ipprotoTcp, userTimeout,
                        userTimeoutUnit, 0, userTimeoutMax),
                OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", solSocket, soKeepAlive, Unit.FLAG, 0, 1)));
    }
}
