package dev.bucketsql.jdbc.remote;

import dev.bucketsql.calcite.engine.TimestampText;
import dev.bucketsql.jdbc.ListValues;
import dev.bucketsql.jdbc.MapValues;
import dev.bucketsql.jdbc.NarrowingReads;
import java.sql.Array;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, whose {@code next()} fails with an SQLException carrying the server's
 * SQLSTATE (Avatica's lets the unchecked exception of a failed fetch request through), whose lists
 * ({@code getArray}, {@code getObject}, {@code getString}) come back as the embedded driver gives
 * them, and whose {@code getString} prints timestamps and whose integer getters check ranges as the
 * embedded driver does.
 */
final class RemoteResultSet extends AvaticaResultSet {
  private static final ThreadLocal<Calendar> UTC =
      ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT));

  RemoteResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      ResultSetMetaData metaData,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return NarrowingReads.needsCheck(this, columnIndex, 8)
        ? (byte) NarrowingReads.read(this, columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "getByte")
        : super.getByte(columnIndex);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return NarrowingReads.needsCheck(this, columnIndex, 16)
        ? (short)
            NarrowingReads.read(this, columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "getShort")
        : super.getShort(columnIndex);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return NarrowingReads.needsCheck(this, columnIndex, 32)
        ? (int)
            NarrowingReads.read(this, columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "getInt")
        : super.getInt(columnIndex);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return NarrowingReads.needsCheck(this, columnIndex, 64)
        ? NarrowingReads.read(this, columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "getLong")
        : super.getLong(columnIndex);
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  /** A list with boxed elements, as the embedded driver gives it ({@link ListValues}). */
  @Override
  public Array getArray(int columnIndex) throws SQLException {
    try {
      return ListValues.of(super.getArray(columnIndex));
    } catch (ClassCastException e) {
      throw notCarried(columnIndex, e);
    }
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    try {
      return super.getDouble(columnIndex);
    } catch (ClassCastException e) {
      throw notCarried(columnIndex, e);
    }
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    try {
      return super.getFloat(columnIndex);
    } catch (ClassCastException e) {
      throw notCarried(columnIndex, e);
    }
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    try {
      return super.getBigDecimal(columnIndex);
    } catch (ClassCastException e) {
      throw notCarried(columnIndex, e);
    }
  }

  /**
   * The error for a value Avatica's JSON frames carry as text where its client expects a number:
   * NaN and the infinities of a DOUBLE or REAL, which JSON has no number for (Avatica's client
   * fails with a ClassCastException). Protobuf frames carry them.
   */
  private SQLException notCarried(int columnIndex, ClassCastException e) throws SQLException {
    return new SQLException(
        "column "
            + columnIndex
            + " ("
            + getMetaData().getColumnLabel(columnIndex)
            + ") holds NaN or an infinity, which the JSON serialization of the remote connection"
            + " cannot carry; connect with serialization=protobuf (the server's --serialization"
            + " protobuf), or read the value as text with CAST(x AS VARCHAR)",
        "0A000",
        e);
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return getArray(findColumn(columnLabel));
  }

  /**
   * Lists as {@link #getArray(int)} gives them; maps as the embedded driver ({@link MapValues});
   * other columns as Avatica's.
   */
  @Override
  public Object getObject(int columnIndex) throws SQLException {
    int type = getMetaData().getColumnType(columnIndex);
    if (type == Types.ARRAY) {
      return getArray(columnIndex);
    }
    String typeName = type == Types.OTHER ? getMetaData().getColumnTypeName(columnIndex) : null;
    try {
      return MapValues.isMap(typeName)
          ? MapValues.of(super.getObject(columnIndex), typeName)
          : super.getObject(columnIndex);
    } catch (ClassCastException e) {
      throw notCarried(columnIndex, e);
    }
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  /**
   * Lists, maps, TIMESTAMP and TIME values as the embedded driver prints them ({@link ListValues},
   * {@link MapValues}, {@link TimestampText}).
   */
  @Override
  public String getString(int columnIndex) throws SQLException {
    int type = getMetaData().getColumnType(columnIndex);
    if (type == Types.ARRAY) {
      try {
        return ListValues.text(super.getArray(columnIndex));
      } catch (ClassCastException e) {
        throw notCarried(columnIndex, e);
      }
    }
    String typeName = type == Types.OTHER ? getMetaData().getColumnTypeName(columnIndex) : null;
    if (MapValues.isMap(typeName)) {
      return MapValues.text(super.getObject(columnIndex), typeName);
    }
    if (type == Types.TIME) {
      java.sql.Time time = getTime(columnIndex, UTC.get());
      return time == null ? null : TimestampText.formatTime(time.getTime());
    }
    if (type != Types.TIMESTAMP) {
      try {
        return super.getString(columnIndex);
      } catch (ClassCastException e) {
        throw notCarried(columnIndex, e);
      }
    }
    // the server sends the milliseconds of the JDBC timestamp it read (Julian before 1582-10-15)
    long millis = getLong(columnIndex);
    return wasNull() ? null : TimestampText.formatJdbcMillis(millis);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, signature == null ? null : signature.sql);
    }
  }
}
