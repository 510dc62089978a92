package dev.keepalive.internal.windows;

import static dev.keepalive.internal.windows.gen.winsock_h.IPPROTO_TCP;
import static dev.keepalive.internal.windows.gen.winsock_h.SIO_KEEPALIVE_VALS;
import static dev.keepalive.internal.windows.gen.winsock_h.SOL_SOCKET;

import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform.Os;
import dev.keepalive.internal.Setting;
import dev.keepalive.internal.Unit;
import dev.keepalive.internal.windows.gen.winsock_h;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Windows's keep-alive options, one line each, numbers from the generated Winsock bindings. Times through
 * {@code setsockopt} are seconds that Windows keeps in milliseconds in a 32-bit field, hence at most
 * {@code 2^31 / 1000} s; {@code TCP_KEEPCNT} above 255 is refused. Before Windows 10 1709, idle and interval go
 * through {@code SIO_KEEPALIVE_VALS}, in milliseconds, and cannot be read back. {@code TCP_MAXRT} takes a timeout in
 * seconds, or -1 to retransmit forever (Microsoft Learn, "IPPROTO_TCP socket options").
 */
final class WindowsOptions {

    /** Largest seconds value of a time option. */
    static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;
    /** Probes sent where {@code TCP_KEEPCNT} does not exist: fixed from Windows Vista on. */
    static final int FIXED_PROBES = 10;

    // sockopt(setting, C name, level, number, unit, min, max)
    static final OptionSpec SO_KEEPALIVE = OptionSpec.sockopt(Setting.ENABLED, "SO_KEEPALIVE", SOL_SOCKET(), winsock_h.SO_KEEPALIVE(), Unit.FLAG, 0, 1);
    static final OptionSpec TCP_KEEPALIVE = OptionSpec.sockopt(Setting.IDLE, "TCP_KEEPALIVE", IPPROTO_TCP(), winsock_h.TCP_KEEPALIVE(), Unit.SECONDS, 1, MAX_SECONDS);
    static final OptionSpec TCP_KEEPINTVL = OptionSpec.sockopt(Setting.INTERVAL, "TCP_KEEPINTVL", IPPROTO_TCP(), winsock_h.TCP_KEEPINTVL(), Unit.SECONDS, 1, MAX_SECONDS);
    static final OptionSpec TCP_KEEPCNT = OptionSpec.sockopt(Setting.PROBES, "TCP_KEEPCNT", IPPROTO_TCP(), winsock_h.TCP_KEEPCNT(), Unit.COUNT, 1, 255);
    static final OptionSpec TCP_MAXRT = OptionSpec.sockopt(Setting.USER_TIMEOUT, "TCP_MAXRT", IPPROTO_TCP(), winsock_h.TCP_MAXRT(), Unit.SECONDS, 1, MAX_SECONDS).withForever(-1);
    // new OptionSpec(setting, C name, level, number, unit, min, max, readable): the WSAIoctl control code
    static final OptionSpec VALS_IDLE = new OptionSpec(Setting.IDLE, "SIO_KEEPALIVE_VALS", 0, SIO_KEEPALIVE_VALS(), Unit.MILLISECONDS, 1, Integer.MAX_VALUE, false);
    static final OptionSpec VALS_INTERVAL = new OptionSpec(Setting.INTERVAL, "SIO_KEEPALIVE_VALS", 0, SIO_KEEPALIVE_VALS(), Unit.MILLISECONDS, 1, Integer.MAX_VALUE, false);

    private WindowsOptions() {
    }

    /**
     * The table for what a Windows has.
     *
     * @param timingBySockopt whether {@code TCP_KEEPALIVE} and {@code TCP_KEEPINTVL} exist (10 1709 and later)
     * @param countBySockopt whether {@code TCP_KEEPCNT} exists (10 1703 and later)
     * @return the table
     */
    static OptionTable table(boolean timingBySockopt, boolean countBySockopt) {
        List<OptionSpec> specs = new ArrayList<>(List.of(SO_KEEPALIVE, TCP_MAXRT));
        specs.addAll(timingBySockopt ? List.of(TCP_KEEPALIVE, TCP_KEEPINTVL) : List.of(VALS_IDLE, VALS_INTERVAL));
        if (countBySockopt) {
            specs.add(TCP_KEEPCNT);
        }
        return new OptionTable(Os.WINDOWS, specs, Map.of(Setting.PROBES, "TCP_KEEPCNT needs Windows 10 1703 or"
                + " later; this Windows always sends " + FIXED_PROBES + " probes"));
    }
}
