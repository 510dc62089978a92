package dev.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepalive.testing.Jvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API docs, built as the build builds them (every doclint check, warnings as errors), have an overview
 * (what, for whom, the JVM options, a first example), a package and a module description that name the JVM
 * options, and say which call a {@link SocketOptionException} reports.
 */
class ApiDocsIT {

    @TempDir
    Path docs;

    private String text(String page) throws Exception {
        String html = Files.readString(docs.resolve(page), StandardCharsets.UTF_8);
        return html.replaceAll("<[^>]+>", " ").replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    @Test
    void theDocsTellWhatItIsForWhichJvmOptionsMatterAndHowToStart() throws Exception {
        Jvm.Result built = Jvm.run("javadoc", List.of("-quiet", "--release", "22", "-Xdoclint:all", "-Werror",
                "-overview", Path.of("src/main/javadoc/overview.html").toString(), "-d", docs.toString(),
                "--module-source-path", "dev.keepalive=" + Path.of("src/main/java"), "--module", "dev.keepalive"));
        assertThat(built.exitCode()).as(built.output()).isZero();

        assertThat(text("index.html")).contains("What it is for", "The JVM options",
                "--enable-native-access=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens"
                        + " java.base/java.net=ALL-UNNAMED",
                "without the jdk.net module", "A first example", "SocketKeepAlive.of(channel).apply(");
        assertThat(text("dev.keepalive/module-summary.html")).contains("--enable-native-access=dev.keepalive",
                "--add-opens java.base/sun.nio.ch=dev.keepalive --add-opens java.base/java.net=dev.keepalive");
        assertThat(text("dev.keepalive/dev/keepalive/package-summary.html"))
                .contains("The public API: SocketKeepAlive sets and reads TCP keep-alive on one socket");
        assertThat(text("dev.keepalive/dev/keepalive/SocketOptionException.html"))
                .contains("operation()", "getsockopt (a read), setsockopt (a change)");
    }
}
