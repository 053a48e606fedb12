package dev.bucketsql.cli;

import dev.bucketsql.storage.Causes;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * One line for a failed statement: {@code Error [42703]: Column 'nope' not found in any table}. The
 * SQLSTATE is the first one found along the causes; the message loses the JDBC layer's "Error while
 * executing SQL ..." wrapper, anything after its first line and the parser's list of expected
 * tokens. A refused connection says so, naming the server, in place of the client's wrapped
 * exceptions.
 */
final class ErrorLine {
  private static final Pattern WRAPPER =
      Pattern.compile("(?s)^Error while executing SQL \".*?\": ");

  private ErrorLine() {}

  /** The line for {@code e}, without a trailing line break. */
  static String of(Throwable e) {
    ConnectException refused = Causes.find(e, ConnectException.class);
    if (refused != null) {
      return "Error [08001]: cannot reach the server ("
          + firstLine(refused.getMessage() == null ? "Connection refused" : refused.getMessage())
          + "): is 'bucketsql serve' running at that address?";
    }
    Throwable withState =
        Causes.find(
            e,
            t ->
                t instanceof SQLException s
                    && s.getSQLState() != null
                    && !s.getSQLState().isBlank());
    String state = withState == null ? null : ((SQLException) withState).getSQLState();
    String message = Main.message(e);
    message = WRAPPER.matcher(message).replaceFirst("");
    int expecting = message.indexOf("Was expecting");
    if (expecting >= 0) {
      message = message.substring(0, expecting);
    }
    message = firstLine(message.strip());
    if (message.isEmpty()) {
      message = e.getClass().getSimpleName();
    }
    return state == null ? "Error: " + message : "Error [" + state + "]: " + message;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
