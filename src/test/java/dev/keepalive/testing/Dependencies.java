package dev.keepalive.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs that need the tests' dependencies too (a JDBC driver, an HTTP client), not only the classes
 * {@link Jvm#java(String, List)} puts on the class path: the class path Maven gave the tests.
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** The tests' whole class path: Surefire and Failsafe name it in {@code surefire.test.class.path}. */
    public static String classPath() {
        String tests = System.getProperty("surefire.test.class.path");
        return tests != null && !tests.isBlank() ? tests : System.getProperty("java.class.path");
    }

    /** The command that runs a main class in a new JVM with {@link Jvm#LIBRARY_FLAGS} and {@link #classPath()}. */
    public static List<String> java(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Jvm.tool("java"));
        command.addAll(Jvm.LIBRARY_FLAGS);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
