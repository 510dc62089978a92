package dev.keepalive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The part of some settings that this JVM can set on a JDK socket, found once by applying them to a
 * throwaway, unconnected socket. Where the JVM did not open {@code java.base} to the library, only the JDK's
 * own options are reachable (the user timeout is not one); a value outside the OS's range fails here, before
 * any connection.
 *
 * @param settings what can be applied: the settings given, less the fields this JVM cannot set
 * @param lost why each field left out could not be set, in the library's words
 */
record ReachableSettings(KeepAlive settings, List<String> lost) {

    ReachableSettings {
        lost = List.copyOf(lost);
    }

    /**
     * Applies the settings to a throwaway socket; on {@link UnsupportedOperationException}, tries each field
     * alone to find the ones this JVM cannot set.
     *
     * @throws IllegalArgumentException if a value is outside the OS's range
     * @throws UnsupportedOperationException on an OS the library does not support
     * @throws UncheckedIOException if no socket can be made or the OS refuses an option
     */
    static ReachableSettings probe(KeepAlive requested) {
        try (Socket probe = new Socket()) {
            SocketKeepAlive view = SocketKeepAlive.of(probe);
            try {
                view.apply(requested);
                return new ReachableSettings(requested, List.of());
            } catch (UnsupportedOperationException someField) {
                return fieldByField(view, requested);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not try the keep-alive settings on a socket: " + e.getMessage(), e);
        }
    }

    private static ReachableSettings fieldByField(SocketKeepAlive view, KeepAlive requested) throws IOException {
        KeepAlive.Builder none = KeepAlive.builder().enabled(requested.enabled());
        List<UnaryOperator<KeepAlive.Builder>> fields = new ArrayList<>();
        requested.idle().ifPresent(idle -> fields.add(builder -> builder.idle(idle)));
        requested.interval().ifPresent(interval -> fields.add(builder -> builder.interval(interval)));
        requested.probes().ifPresent(probes -> fields.add(builder -> builder.probes(probes)));
        requested.userTimeout().ifPresent(userTimeout -> fields.add(builder -> builder.userTimeout(userTimeout)));
        KeepAlive.Builder reachable = none.build().toBuilder();
        List<String> lost = new ArrayList<>();
        for (UnaryOperator<KeepAlive.Builder> field : fields) {
            try {
                view.apply(field.apply(none.build().toBuilder()).build());
                field.apply(reachable);
            } catch (UnsupportedOperationException e) {
                lost.add(e.getMessage());
            }
        }
        KeepAlive settings = reachable.build();
        view.apply(settings);
        return new ReachableSettings(settings, lost);
    }
}
