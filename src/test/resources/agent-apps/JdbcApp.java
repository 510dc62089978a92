import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * An application that knows nothing of socket-keepalive (compiled with the JDK alone, run with a JDBC driver on
 * its class path): it connects with the JDBC URL it is given, with no socket factory, then either holds the
 * connection ({@code hold}: prints the answer to {@code SELECT 1} and READY, and waits for its standard input to
 * close) or runs a query that sleeps 30 s on the server ({@code sleep}: prints QUERYING, then how the query
 * ended).
 */
public class JdbcApp {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            if (args[1].equals("hold")) {
                try (ResultSet result = statement.executeQuery("SELECT 1")) {
                    result.next();
                    System.out.println("connected answer=" + result.getInt(1));
                }
                System.out.println("READY");
                awaitEndOfInput();
            } else {
                System.out.println("QUERYING");
                try (ResultSet result = statement.executeQuery("SELECT pg_sleep(30)")) {
                    System.out.println("returned rows=" + (result.next() ? 1 : 0));
                } catch (SQLException e) {
                    Throwable cause = e;
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    System.out.println("failed error=" + e.getClass().getSimpleName() + " cause="
                            + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
            }
        } finally {
            System.out.println("DONE");
        }
        System.exit(0);
    }

    private static void awaitEndOfInput() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (System.in.read() < 0) {
                return;
            }
        }
    }
}
