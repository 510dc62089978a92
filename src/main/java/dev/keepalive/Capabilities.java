package dev.keepalive;

import dev.keepalive.internal.Access;
import dev.keepalive.internal.Backend;
import dev.keepalive.internal.JdkOptions;
import dev.keepalive.internal.JdkSockets;
import dev.keepalive.internal.NativeAccess;
import dev.keepalive.internal.OptionSpec;
import dev.keepalive.internal.OptionTable;
import dev.keepalive.internal.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this OS lets the library do: for each setting, the native option used, its unit and accepted range,
 * and whether the value can be read back; how JDK sockets are reached; and what was found when the OS was
 * probed.
 *
 * {@snippet :
 * Capabilities capabilities = SocketKeepAlive.capabilities();
 * capabilities.option("userTimeout")                  // empty where this OS cannot set it
 *         .ifPresent(option -> System.out.println(option.nativeOption() + " in " + option.unit()));
 * System.out.print(capabilities);                      // the whole report as a table
 * }
 *
 * @param os the OS, as the library names it ({@code Linux}, {@code macOS}, {@code Windows})
 * @param socketAccess how JDK sockets are reached: {@code native handle} where the JVM opened
 *     {@code java.base} to the library and lets it call native code, else {@code JDK socket options}
 * @param options one entry per setting this OS can change
 * @param notes what the library found about this OS, in words
 */
public record Capabilities(String os, String socketAccess, List<Option> options, List<String> notes) {

    /**
     * Copies the lists.
     *
     * @param os the OS
     * @param socketAccess how JDK sockets are reached
     * @param options the settings this OS can change
     * @param notes what the library found
     */
    public Capabilities {
        options = List.copyOf(options);
        notes = List.copyOf(notes);
    }

    /**
     * One setting as this OS offers it.
     *
     * @param setting the setting's name in {@link KeepAlive}: {@code enabled}, {@code idle},
     *     {@code interval}, {@code probes} or {@code userTimeout}
     * @param nativeOption the C name of the option, such as {@code TCP_KEEPIDLE}
     * @param unit the option's unit: {@code s}, {@code ms}, {@code count} or {@code flag}
     * @param min the smallest accepted value, in that unit
     * @param max the largest accepted value, in that unit
     * @param readable whether the OS reports the value back
     */
    public record Option(String setting, String nativeOption, String unit, long min, long max, boolean readable) {
    }

    /**
     * The report for the running OS and JVM.
     *
     * @return the report
     * @throws UnsupportedOperationException on an OS other than Linux, macOS and Windows
     */
    public static Capabilities current() {
        Backend backend = Platform.backend();
        boolean nativeAccess = NativeAccess.enabled();
        OptionTable table = nativeAccess && JdkSockets.available() ? backend.table()
                : JdkOptions.offeredBySocketChannels(backend.table());
        List<Option> options = table.specs().values().stream().map(Capabilities::option).toList();
        List<String> notes = new ArrayList<>(backend.notes());
        if (nativeAccess) {
            notes.addAll(JdkSockets.notes());
        }
        notes.add("Socket and ServerSocket subclasses that override the socket options (wrappers around another"
                + " socket) are reached through those options: no user timeout, and no keep-alive settings on"
                + " listening sockets");
        Access access = nativeAccess && JdkSockets.available() ? Access.NATIVE_HANDLE : Access.JDK_OPTIONS;
        return new Capabilities(backend.table().os().displayName(), access.text(), options, notes);
    }

    /**
     * The entry for one setting.
     *
     * @param setting the setting's name in {@link KeepAlive}, such as {@code probes}
     * @return the entry, or empty if this OS cannot change the setting
     */
    public Optional<Option> option(String setting) {
        return options.stream().filter(option -> option.setting().equals(setting)).findFirst();
    }

    private static Option option(OptionSpec spec) {
        return new Option(spec.setting().label(), spec.name(), spec.unit().symbol(), spec.min(), spec.max(),
                spec.readable());
    }

    /**
     * The report as a table for people.
     *
     * @return several lines of text
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("OS: ").append(os).append('\n');
        text.append("JDK sockets reached through: ").append(socketAccess).append('\n');
        text.append(String.format("%-12s %-20s %-6s %-24s %s%n", "setting", "native option", "unit", "range",
                "read back"));
        for (Option option : options) {
            text.append(String.format("%-12s %-20s %-6s %-24s %s%n", option.setting(), option.nativeOption(),
                    option.unit(), option.min() + " to " + option.max(), option.readable() ? "yes" : "no"));
        }
        for (String note : notes) {
            text.append("- ").append(note).append('\n');
        }
        return text.toString();
    }
}
