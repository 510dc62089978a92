package dev.keepalive.internal;

/**
 * How one OS exposes one setting: the native option's name, level and number, the unit of its value, the range
 * the OS accepts in that unit, and the value, if any, that means "no limit".
 *
 * @param setting the setting this option carries
 * @param name the option's C name, such as {@code TCP_KEEPIDLE}
 * @param level the {@code setsockopt} level, such as {@code IPPROTO_TCP}
 * @param option the option's number at that level
 * @param unit the unit of the option's value
 * @param min the smallest value the OS accepts
 * @param max the largest value the OS accepts
 * @param readable whether the OS can report the value back
 * @param forever the value that asks for no limit at all ({@code TCP_MAXRT} = -1 on Windows: retransmit
 *     forever), which the API spells {@code ChronoUnit.FOREVER.getDuration()}; {@link NativeKeepAlive#ABSENT}
 *     where the option has none
 */
public record OptionSpec(Setting setting, String name, int level, int option, Unit unit, long min, long max,
                         boolean readable, int forever) {

    /**
     * Describes an option with no "no limit" value.
     *
     * @param setting the setting this option carries
     * @param name the option's C name
     * @param level the level
     * @param option the option's number
     * @param unit the unit
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param readable whether the OS can report the value back
     */
    public OptionSpec(Setting setting, String name, int level, int option, Unit unit, long min, long max,
                      boolean readable) {
        this(setting, name, level, option, unit, min, max, readable, NativeKeepAlive.ABSENT);
    }

    /**
     * Describes an option that is set and read with {@code setsockopt}/{@code getsockopt}.
     *
     * @param setting the setting this option carries
     * @param name the option's C name
     * @param level the level
     * @param option the option's number
     * @param unit the unit
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the description
     */
    public static OptionSpec sockopt(Setting setting, String name, int level, int option, Unit unit, long min,
                                     long max) {
        return new OptionSpec(setting, name, level, option, unit, min, max, true);
    }

    /**
     * This option with a value that means "no limit".
     *
     * @param value the native value, such as -1
     * @return the description
     */
    public OptionSpec withForever(int value) {
        return new OptionSpec(setting, name, level, option, unit, min, max, readable, value);
    }

    /**
     * Whether a native value lies in the range the OS accepts, or is its "no limit" value.
     *
     * @param value the value
     * @return {@code true} if the OS documents it
     */
    public boolean accepts(long value) {
        return value >= min && value <= max || forever != NativeKeepAlive.ABSENT && value == forever;
    }

    /**
     * The accepted range in words, for error messages and reports.
     *
     * @return for example {@code 1 to 32767 s}, or {@code 1 to 127} for a count
     */
    public String range() {
        return min + " to " + max + (unit.isTime() ? " " + unit.symbol() : "")
                + (forever != NativeKeepAlive.ABSENT ? ", or forever" : "");
    }
}
