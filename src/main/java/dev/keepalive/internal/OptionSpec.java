package dev.keepalive.internal;

/**
 * How one OS exposes one setting: the native option's name, level and number, the unit of its value and
 * the range the OS accepts, in that unit.
 *
 * @param setting the setting this option carries
 * @param name the option's C name, such as {@code TCP_KEEPIDLE}
 * @param level the {@code setsockopt} level, such as {@code IPPROTO_TCP}
 * @param option the option's number at that level
 * @param unit the unit of the option's value
 * @param min the smallest value the OS accepts
 * @param max the largest value the OS accepts
 * @param readable whether the OS can report the value back
 */
public record OptionSpec(Setting setting, String name, int level, int option, Unit unit, long min, long max,
                         boolean readable) {

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
     * The accepted range in words, for error messages and reports.
     *
     * @return for example {@code 1 to 32767 s}, or {@code 1 to 127} for a count
     */
    public String range() {
        return min + " to " + max + (unit.isTime() ? " " + unit.symbol() : "");
    }
}
