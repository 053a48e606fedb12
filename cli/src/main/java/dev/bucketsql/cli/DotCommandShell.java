package dev.bucketsql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import sqlline.SqlLine;

/**
 * sqlline as the interactive shell wants it: each line typed at the prompt that is one of DuckDB's
 * dot commands ({@link DotCommands}) is handed to sqlline as what it stands for; a failure prints
 * one line ({@link ErrorLine}), with the stack trace only when verbose; and {@code !help} ends
 * without sqlline's contact line, which names no one here. {@code !describe T} runs {@code DESCRIBE
 * T}, and leaving with {@code !quit} after the server stopped is quiet. Ctrl-C while a statement
 * runs cancels it (sqlline's signal handler calls {@code Statement.cancel()}); Ctrl-C at the prompt
 * drops the line typed so far and prompts again.
 */
final class DotCommandShell extends SqlLine {
  private final PrintStream err;
  private final boolean verbose;

  /** The last line typed, as sqlline runs it; errors while quitting are not worth a line. */
  private volatile String lastLine = "";

  DotCommandShell(PrintStream err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public boolean error(Throwable t) {
    if (quitting()) {
      return false; // closing a connection whose server has gone: the user is leaving anyway
    }
    err.println(ErrorLine.of(t));
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return false;
  }

  private boolean quitting() {
    String line = lastLine.strip().toLowerCase(java.util.Locale.ROOT);
    return line.startsWith("!quit") || line.startsWith("!exit") || line.equals("!q");
  }

  @Override
  public boolean error(String message) {
    if (quitting()) {
      return false;
    }
    return super.error(message);
  }

  @Override
  public void output(String message) {
    if (message != null && message.startsWith("Comments, bug reports, and patches go to")) {
      return;
    }
    super.output(message);
  }

  @Override
  public LineReader getConsoleReader(InputStream inputStream, History fileHistory)
      throws IOException {
    LineReader reader = super.getConsoleReader(inputStream, fileHistory);
    if (reader instanceof LineReaderImpl impl) {
      impl.setParser(new DotCommandParser(this));
    }
    return (LineReader)
        Proxy.newProxyInstance(
            LineReader.class.getClassLoader(),
            new Class<?>[] {LineReader.class},
            (proxy, method, args) -> {
              Object result =
                  method.getName().equals("readLine")
                      ? readLineAfterCtrlC(reader, method, args)
                      : invoke(reader, method, args);
              if (method.getName().equals("readLine") && result instanceof String line) {
                try {
                  lastLine = DotCommands.translateDescribe(DotCommands.translate(line));
                } catch (IllegalArgumentException e) {
                  err.println(e.getMessage());
                  lastLine = "";
                }
                return lastLine;
              }
              return result;
            });
  }

  /**
   * Reads a line; Ctrl-C at the prompt drops the line being typed and prompts again, as psql does.
   * sqlline would instead cancel the statement that ran last, which has finished (an error on a
   * closed statement, or on a remote server a cancel that has nothing to stop).
   */
  private Object readLineAfterCtrlC(LineReader reader, Method readLine, Object[] args)
      throws Throwable {
    while (true) {
      try {
        return invoke(reader, readLine, args);
      } catch (UserInterruptException e) {
        if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
          err.println("(.quit or Ctrl-D leaves the shell)");
          err.flush();
        }
      }
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
