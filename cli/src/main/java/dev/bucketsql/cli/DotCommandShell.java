package dev.bucketsql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import sqlline.SqlLine;

/**
 * sqlline as the interactive shell wants it: each line typed at the prompt that is one of
 * DuckDB's dot commands ({@link DotCommands}) is handed to sqlline as what it stands for; a
 * failure prints one line ({@link ErrorLine}), with the stack trace only when verbose; and
 * {@code !help} ends without sqlline's contact line, which names no one here.
 */
final class DotCommandShell extends SqlLine {
  private final PrintStream err;
  private final boolean verbose;

  DotCommandShell(PrintStream err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public boolean error(Throwable t) {
    err.println(ErrorLine.of(t));
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return false;
  }

  @Override
  public void output(String message) {
    if (message != null && message.startsWith("Comments, bug reports, and patches go to")) {
      return;
    }
    super.output(message);
  }

  @Override
  public LineReader getConsoleReader(InputStream inputStream, History fileHistory) throws IOException {
    LineReader reader = super.getConsoleReader(inputStream, fileHistory);
    return (LineReader)
        Proxy.newProxyInstance(
            LineReader.class.getClassLoader(),
            new Class<?>[] {LineReader.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(reader, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("readLine") && result instanceof String line) {
                try {
                  return DotCommands.translate(line);
                } catch (IllegalArgumentException e) {
                  err.println(e.getMessage());
                  return "";
                }
              }
              return result;
            });
  }
}
