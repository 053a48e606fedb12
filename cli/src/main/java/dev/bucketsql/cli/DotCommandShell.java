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
 * sqlline whose interactive line reader takes DuckDB's dot commands ({@link DotCommands}): each
 * line typed at the prompt that is one is handed to sqlline as what it stands for. Scripts
 * ({@code -e}, {@code -f}) are translated before sqlline reads them.
 */
final class DotCommandShell extends SqlLine {
  private final PrintStream err;

  DotCommandShell(PrintStream err) {
    this.err = err;
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
