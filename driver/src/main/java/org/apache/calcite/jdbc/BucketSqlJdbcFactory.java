package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.PlanningStop;
import dev.bucketsql.jdbc.NarrowingReads;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.lookup.LikePattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * BucketSQL's JDBC object factory: Calcite's {@link CalciteJdbc41Factory} objects, except that
 * statements and result sets return warnings ({@code getWarnings}, {@code clearWarnings}) from a
 * {@link Warnings} source; every failure of preparing, executing and {@code next()} goes through
 * {@link Errors} (Avatica lets Errors and some unchecked exceptions through, and wraps the rest in
 * an SQLException without a SQLSTATE); parameter values go through {@link Parameters} before the
 * engine reads them; and {@link MetaBase} lets a {@code Meta} outside this package extend {@link
 * CalciteMetaImpl}.
 *
 * <p>Why it lives in Calcite's package: the constructors of {@code CalciteStatement}, {@code
 * CalcitePreparedStatement}, {@code CalciteResultSet} and {@code CalciteMetaImpl}'s connection type
 * are package-private, and Calcite's connection casts every statement to those classes, so a
 * subclass is the only way to give them warnings. Nothing here does more than forward; the logic is
 * in {@code dev.bucketsql.jdbc}. It ships inside the driver jar (and the shaded jar), loaded by the
 * same class loader as Calcite; calcite-core's jar is not sealed. A Calcite upgrade that changes
 * these constructors fails compilation, not at run time.
 */
public final class BucketSqlJdbcFactory extends CalciteFactory {
  /** A calendar per thread (calendars are mutable): timestamps read as wall-clock millis. */
  private static final ThreadLocal<Calendar> UTC =
      ThreadLocal.withInitial(
          () -> Calendar.getInstance(TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT));

  private final CalciteJdbc41Factory delegate = new CalciteJdbc41Factory();
  private final Warnings warnings;
  private final Errors errors;
  private final Parameters parameters;

  /**
   * A factory whose statements and result sets take their warnings from {@code warnings}, turn
   * failures into SQLExceptions with {@code errors} and convert parameters with {@code parameters}.
   */
  public BucketSqlJdbcFactory(Warnings warnings, Errors errors, Parameters parameters) {
    super(4, 1);
    this.warnings = requireNonNull(warnings, "warnings is null");
    this.errors = requireNonNull(errors, "errors is null");
    this.parameters = requireNonNull(parameters, "parameters is null");
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      @Nullable CalciteSchema rootSchema,
      @Nullable JavaTypeFactory typeFactory) {
    return new Connection((Driver) driver, factory, url, info, rootSchema, typeFactory, errors);
  }

  /**
   * Avatica's metadata (its class is package-private in Avatica), behind a proxy whose methods fail
   * with {@link Errors}' SQLExceptions: Avatica lets the unchecked exceptions of a {@code Meta}
   * call through (a listing that fails in {@code getTables}).
   */
  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    AvaticaSpecificDatabaseMetaData metaData = delegate.newDatabaseMetaData(connection);
    InvocationHandler translating =
        (proxy, method, args) -> {
          try {
            return method.invoke(metaData, args);
          } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (failure instanceof SQLException
                || failure instanceof RuntimeException
                || failure instanceof Error) {
              throw errors.translate(failure, null);
            }
            throw failure;
          }
        };
    return (AvaticaSpecificDatabaseMetaData)
        Proxy.newProxyInstance(
            AvaticaSpecificDatabaseMetaData.class.getClassLoader(),
            new Class<?>[] {AvaticaSpecificDatabaseMetaData.class},
            translating);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.@Nullable StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    return new Statement(
        (CalciteConnectionImpl) connection,
        h,
        resultSetType,
        resultSetConcurrency,
        resultSetHoldability,
        errors);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.@Nullable StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return new PreparedStatement(
        (CalciteConnectionImpl) connection,
        h,
        signature,
        resultSetType,
        resultSetConcurrency,
        resultSetHoldability,
        errors,
        parameters);
  }

  /**
   * Every execution, of a query or a metadata call, makes a result set here: its warnings start.
   */
  @Override
  public AvaticaResultSet newResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      TimeZone timeZone,
      Meta.@Nullable Frame firstFrame)
      throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    Window own = warnings.begin(statement, firstFrame);
    Window ofStatement = warnings.begin(statement, firstFrame);
    if (statement instanceof Statement s) {
      s.window = ofStatement;
    } else if (statement instanceof PreparedStatement p) {
      p.window = ofStatement;
    }
    return new ResultSet(
        statement,
        (CalcitePrepare.CalciteSignature<?>) signature,
        metaData,
        timeZone,
        firstFrame,
        own,
        ofStatement,
        errors);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(
      AvaticaStatement statement, Meta.Signature signature) {
    return delegate.newResultSetMetaData(statement, signature);
  }

  /** Where the warnings of an execution come from. */
  public interface Warnings {
    /**
     * Opens the warnings of an execution of {@code statement} that is starting now.
     *
     * @param firstFrame the rows as the {@code Meta} gave them (metadata calls give all their rows
     *     here), or null
     */
    Window begin(AvaticaStatement statement, Meta.@Nullable Frame firstFrame);
  }

  /** The warnings of one execution, as seen by one statement or result set. */
  public interface Window {
    /** The warnings so far, oldest first, or null when there are none. */
    @Nullable SQLWarning warnings();

    /** Forgets the warnings so far; later ones still show. */
    void clear();

    /** The execution is over (its result set closed): nothing after now belongs to it. */
    void end();
  }

  /** Turns what a JDBC call threw into the SQLException to throw instead. */
  public interface Errors {
    /**
     * The SQLException for {@code e}, thrown by a call about statement {@code sql} (null when not
     * known). Returns {@code e} itself when it is already right.
     */
    SQLException translate(Throwable e, @Nullable String sql);

    /**
     * The result of {@code call}, a JDBC call about statement {@code sql} (null when not known);
     * its failure, checked or not, an {@code Error} included, becomes {@link #translate}'s.
     */
    default <T> T call(@Nullable String sql, JdbcCall<T> call) throws SQLException {
      try {
        return call.run();
      } catch (SQLException | RuntimeException | Error e) {
        throw translate(e, sql);
      }
    }
  }

  /** A JDBC call, for {@link Errors#call}. */
  @FunctionalInterface
  public interface JdbcCall<T> {
    /** Makes the call. */
    T run() throws SQLException;
  }

  /** Converts values bound to parameters to the types the statement expects. */
  public interface Parameters {
    /**
     * The value to bind for {@code x} given to {@code setObject} for parameter {@code index}
     * (1-based) of type {@code parameter}; throws an unchecked exception that {@link Errors}
     * understands when it does not convert.
     */
    @Nullable Object setObject(int index, AvaticaParameter parameter, @Nullable Object x);

    /** {@code values} as the engine must read them: one per parameter, of its type. */
    List<TypedValue> beforeExecute(
        List<AvaticaParameter> parameters, List<TypedValue> values, Calendar calendar);
  }

  /** A {@link CalciteMetaImpl} that code outside this package can extend. */
  public abstract static class MetaBase extends CalciteMetaImpl {
    /** {@code connection} must be a Calcite connection. */
    protected MetaBase(
        AvaticaConnection connection,
        CalciteMetaTableFactory tables,
        CalciteMetaColumnFactory columns) {
      super((CalciteConnectionImpl) connection, tables, columns);
    }

    /**
     * The rows of an execution, as Calcite makes them, except that a failure while the first row is
     * read closes what was opened. Avatica asks for the iterator inside {@code execute}; linq4j's
     * iterator reads the first row as it is made, so a query failing on its first row threw before
     * anyone held its enumerator, and the scans under it kept their objects' connections for good
     * (a leak of one pooled connection per such query).
     */
    @Override
    public Iterable<Object> createIterable(
        Meta.StatementHandle handle,
        QueryState state,
        Meta.Signature signature,
        List<TypedValue> parameters,
        Meta.@Nullable Frame firstFrame) {
      Iterable<Object> rows =
          super.createIterable(handle, state, signature, parameters, firstFrame);
      if (!(rows instanceof Enumerable<Object> enumerable)) {
        return rows;
      }
      return () -> {
        Enumerator<Object> enumerator = enumerable.enumerator();
        try {
          return Linq4j.enumeratorIterator(enumerator);
        } catch (RuntimeException | Error e) {
          try {
            enumerator.close();
          } catch (RuntimeException | Error closing) {
            e.addSuppressed(closing);
          }
          throw e;
        }
      };
    }

    /** The names of the schemas {@code getSchemas(catalog, pattern)} lists, in its order. */
    protected final List<String> schemaNames(@Nullable String catalog, Meta.Pat pattern) {
      return schemas(catalog, new LikePattern(pattern.s)).select(s -> s.tableSchem).toList();
    }
  }

  /** Calcite's connection, translating failures to prepare a statement. */
  private static final class Connection extends CalciteConnectionImpl {
    private final Errors errors;

    Connection(
        Driver driver,
        AvaticaFactory factory,
        String url,
        Properties info,
        @Nullable CalciteSchema rootSchema,
        @Nullable JavaTypeFactory typeFactory,
        Errors errors) {
      super(driver, factory, url, info, rootSchema, typeFactory);
      this.errors = errors;
    }

    @Override
    public CalcitePreparedStatement prepareStatement(
        String sql, int type, int concurrency, int holdability) throws SQLException {
      return errors.call(sql, () -> super.prepareStatement(sql, type, concurrency, holdability));
    }
  }

  private static final class Statement extends CalciteStatement {
    private volatile @Nullable Window window;
    private volatile @Nullable PlanningStop planning;
    private final Errors errors;

    Statement(
        CalciteConnectionImpl connection,
        Meta.@Nullable StatementHandle h,
        int type,
        int concurrency,
        int holdability,
        Errors errors) {
      super(connection, h, type, concurrency, holdability);
      this.errors = errors;
    }

    /** {@code call} about {@code sql}, its planning stopped by cancel and the query timeout. */
    private <T> T planned(String sql, JdbcCall<T> call) throws SQLException {
      return errors.call(
          sql,
          () -> {
            // inside the translation: a closed statement's getQueryTimeout fails too
            try (PlanningStop stop = PlanningStop.start(getQueryTimeout())) {
              planning = stop;
              return stop.during(call::run);
            } finally {
              planning = null;
            }
          });
    }

    @Override
    public void cancel() throws SQLException {
      PlanningStop stop = planning;
      if (stop != null) {
        stop.cancel();
      }
      super.cancel();
    }

    @Override
    public boolean execute(String sql) throws SQLException {
      return planned(sql, () -> super.execute(sql));
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
      return planned(sql, () -> super.execute(sql, autoGeneratedKeys));
    }

    @Override
    public java.sql.ResultSet executeQuery(String sql) throws SQLException {
      return planned(sql, () -> super.executeQuery(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
      return planned(sql, () -> super.executeLargeUpdate(sql));
    }

    @Override
    protected long[] executeBatchInternal() throws SQLException {
      return errors.call(null, () -> super.executeBatchInternal());
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
      super.getWarnings(); // fails when closed
      Window w = window;
      return w == null ? null : w.warnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
      super.clearWarnings();
      Window w = window;
      if (w != null) {
        w.clear();
      }
    }
  }

  private static final class PreparedStatement extends CalcitePreparedStatement {
    private volatile @Nullable Window window;
    private final Errors errors;
    private final Parameters parameters;

    PreparedStatement(
        CalciteConnectionImpl connection,
        Meta.@Nullable StatementHandle h,
        Meta.Signature signature,
        int type,
        int concurrency,
        int holdability,
        Errors errors,
        Parameters parameters)
        throws SQLException {
      super(connection, h, signature, type, concurrency, holdability);
      this.errors = errors;
      this.parameters = parameters;
    }

    private @Nullable String sql() {
      Meta.Signature signature = getSignature();
      return signature == null ? null : signature.sql;
    }

    /** The engine reads parameter values through here: convert them to the parameters' types. */
    @Override
    protected List<TypedValue> getParameterValues() {
      return parameters.beforeExecute(
          getSignature().parameters, super.getParameterValues(), getCalendar());
    }

    @Override
    public void setObject(int parameterIndex, @Nullable Object x) throws SQLException {
      try {
        super.setObject(
            parameterIndex, parameters.setObject(parameterIndex, getParameter(parameterIndex), x));
      } catch (SQLException | RuntimeException e) {
        throw errors.translate(e, sql());
      }
    }

    @Override
    public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType)
        throws SQLException {
      try {
        super.setObject(
            parameterIndex,
            parameters.setObject(parameterIndex, getParameter(parameterIndex), x),
            targetSqlType);
      } catch (SQLException | RuntimeException e) {
        throw errors.translate(e, sql());
      }
    }

    @Override
    public java.sql.ResultSet executeQuery() throws SQLException {
      return errors.call(sql(), () -> super.executeQuery());
    }

    @Override
    public boolean execute() throws SQLException {
      return errors.call(sql(), () -> super.execute());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
      return errors.call(sql(), () -> super.executeLargeUpdate());
    }

    @Override
    protected long[] executeBatchInternal() throws SQLException {
      return errors.call(sql(), () -> super.executeBatchInternal());
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
      super.getWarnings();
      Window w = window;
      return w == null ? null : w.warnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
      super.clearWarnings();
      Window w = window;
      if (w != null) {
        w.clear();
      }
    }
  }

  private static final class ResultSet extends CalciteResultSet {
    /** DATE values as {@code java.sql.Date}, made when a DATE column is first read as one. */
    private dev.bucketsql.jdbc.@Nullable SqlDates dates;

    /** Per column, whether its DATE values are held as days; filled as columns are read. */
    private @Nullable Boolean @Nullable [] daysHeld;

    private final Window window;
    private final Window ofStatement;
    private final Errors errors;

    ResultSet(
        AvaticaStatement statement,
        CalcitePrepare.CalciteSignature<?> signature,
        ResultSetMetaData metaData,
        TimeZone timeZone,
        Meta.@Nullable Frame firstFrame,
        Window window,
        Window ofStatement,
        Errors errors)
        throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
      this.window = window;
      this.ofStatement = ofStatement;
      this.errors = errors;
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

    /** A list with boxed elements ({@link dev.bucketsql.jdbc.ListValues}). */
    @Override
    public java.sql.@Nullable Array getArray(int columnIndex) throws SQLException {
      return dev.bucketsql.jdbc.ListValues.of(super.getArray(columnIndex));
    }

    @Override
    public java.sql.@Nullable Array getArray(String columnLabel) throws SQLException {
      return getArray(findColumn(columnLabel));
    }

    /**
     * Lists as {@link #getArray(int)} gives them; maps with their dates and timestamps as such
     * ({@link dev.bucketsql.jdbc.MapValues}); other columns as Calcite's.
     */
    @Override
    public @Nullable Object getObject(int columnIndex) throws SQLException {
      int type = getMetaData().getColumnType(columnIndex);
      if (type == java.sql.Types.ARRAY) {
        return getArray(columnIndex);
      }
      if (type == java.sql.Types.DATE) {
        return getDate(columnIndex);
      }
      String typeName =
          type == java.sql.Types.OTHER ? getMetaData().getColumnTypeName(columnIndex) : null;
      return dev.bucketsql.jdbc.MapValues.isMap(typeName)
          ? dev.bucketsql.jdbc.MapValues.of(super.getObject(columnIndex), typeName)
          : super.getObject(columnIndex);
    }

    @Override
    public @Nullable Object getObject(String columnLabel) throws SQLException {
      return getObject(findColumn(columnLabel));
    }

    /**
     * Avatica's date for the result set's calendar, converted once per distinct day ({@link
     * dev.bucketsql.jdbc.SqlDates}).
     */
    @Override
    public java.sql.@Nullable Date getDate(int columnIndex) throws SQLException {
      if (!daysHeld(columnIndex)) {
        return super.getDate(columnIndex);
      }
      long day = getLong(columnIndex);
      if (wasNull()) {
        return null;
      }
      if (dates == null) {
        dates = new dev.bucketsql.jdbc.SqlDates(localCalendar);
      }
      return dates.of(Math.toIntExact(day));
    }

    /**
     * Whether column {@code columnIndex} is a DATE held as its days, read by Avatica's accessor for
     * such dates (which is not public: known by its name); the answer is kept per column.
     */
    private boolean daysHeld(int columnIndex) throws SQLException {
      if (daysHeld == null) {
        daysHeld = new Boolean[getMetaData().getColumnCount()];
      }
      if (columnIndex < 1 || columnIndex > daysHeld.length) {
        return false;
      }
      Boolean held = daysHeld[columnIndex - 1];
      if (held == null) {
        held =
            getMetaData().getColumnType(columnIndex) == java.sql.Types.DATE
                && accessorList
                    .get(columnIndex - 1)
                    .getClass()
                    .getName()
                    .endsWith("$DateFromNumberAccessor");
        daysHeld[columnIndex - 1] = held;
      }
      return held;
    }

    @Override
    public java.sql.@Nullable Date getDate(String columnLabel) throws SQLException {
      return getDate(findColumn(columnLabel));
    }

    /**
     * TIMESTAMP and TIME values as DuckDB prints them, with their milliseconds whatever the
     * precision; lists and maps as DuckDB writes them, {@code [a, b]}, {@code {2024-01-02=1}}.
     */
    @Override
    public @Nullable String getString(int columnIndex) throws SQLException {
      int type = getMetaData().getColumnType(columnIndex);
      if (type == java.sql.Types.ARRAY) {
        return dev.bucketsql.jdbc.ListValues.text(super.getArray(columnIndex));
      }
      String typeName =
          type == java.sql.Types.OTHER ? getMetaData().getColumnTypeName(columnIndex) : null;
      if (dev.bucketsql.jdbc.MapValues.isMap(typeName)) {
        return dev.bucketsql.jdbc.MapValues.text(super.getObject(columnIndex), typeName);
      }
      if (type == java.sql.Types.TIME) {
        java.sql.Time time = getTime(columnIndex, UTC.get());
        return time == null
            ? null
            : dev.bucketsql.calcite.engine.TimestampText.formatTime(time.getTime());
      }
      if (type != java.sql.Types.TIMESTAMP) {
        return super.getString(columnIndex);
      }
      // Calcite holds a TIMESTAMP as milliseconds of the proleptic Gregorian calendar, as DuckDB
      // counts; java.sql.Timestamp counts the days before 1582-10-15 in the Julian one
      long millis = getLong(columnIndex);
      return wasNull() ? null : dev.bucketsql.calcite.engine.TimestampText.format(millis);
    }

    @Override
    public @Nullable String getString(String columnLabel) throws SQLException {
      return getString(findColumn(columnLabel));
    }

    /** Rows are computed here: the engine's failures surface in this call. */
    @Override
    public boolean next() throws SQLException {
      // called once a row: a try here, not a lambda allocated per call
      try {
        return super.next();
      } catch (SQLException | RuntimeException | Error e) {
        // a result set whose rows failed has no next row: its scans give their connections back
        // now,
        // whether or not the caller closes it
        try {
          close();
        } catch (RuntimeException | Error closing) {
          e.addSuppressed(closing);
        }
        throw errors.translate(e, signature == null ? null : signature.sql);
      }
    }

    @Override
    public @Nullable SQLWarning getWarnings() throws SQLException {
      super.getWarnings();
      return window.warnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
      super.clearWarnings();
      window.clear();
    }

    @Override
    public void close() {
      super.close();
      window.end();
      ofStatement.end();
    }
  }
}
