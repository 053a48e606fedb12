package dev.bucketsql.cli;

import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;
import sqlline.SqlLine;
import sqlline.SqlLineParser;

/**
 * The shell's line parser: sqlline's (which sqlline casts it to), except that a dot command ({@code
 * .tables}) and {@code !describe T} are complete when Enter is pressed. sqlline's parser takes a
 * line without {@code ;} for unfinished SQL and asks for more, so {@code .tables} would wait for a
 * continuation line and then be sent as SQL.
 */
final class DotCommandParser extends SqlLineParser {
  private final Parser plain = new DefaultParser();

  DotCommandParser(SqlLine sqlLine) {
    super(sqlLine);
  }

  @Override
  public ParsedLine parse(String line, int cursor, Parser.ParseContext context) throws SyntaxError {
    if (DotCommands.isCommand(line) || DotCommands.isDescribe(line)) {
      return plain.parse(line, cursor, context);
    }
    return super.parse(line, cursor, context);
  }
}
