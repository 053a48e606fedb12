package org.apache.calcite.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * BucketSQL's JDBC object factory: Calcite's {@link CalciteJdbc41Factory} objects, except that
 * statements and result sets return warnings ({@code getWarnings}, {@code clearWarnings}) from a
 * {@link Warnings} source, and {@link MetaBase} lets a {@code Meta} outside this package extend
 * {@link CalciteMetaImpl}.
 *
 * <p>Why it lives in Calcite's package: the constructors of {@code CalciteStatement}, {@code
 * CalcitePreparedStatement}, {@code CalciteResultSet} and {@code CalciteMetaImpl}'s connection
 * type are package-private, and Calcite's connection casts every statement to those classes, so
 * a subclass is the only way to give them warnings. Nothing here does more than forward; the
 * logic is in {@code dev.bucketsql.jdbc}. It ships inside the driver jar (and the shaded jar),
 * loaded by the same class loader as Calcite; calcite-core's jar is not sealed. A Calcite
 * upgrade that changes these constructors fails compilation, not at run time.
 */
public final class BucketSqlJdbcFactory extends CalciteFactory {
  private final CalciteJdbc41Factory delegate = new CalciteJdbc41Factory();
  private final Warnings warnings;

  /** A factory whose statements and result sets take their warnings from {@code warnings}. */
  public BucketSqlJdbcFactory(Warnings warnings) {
    super(4, 1);
    this.warnings = requireNonNull(warnings, "warnings is null");
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      @Nullable CalciteSchema rootSchema,
      @Nullable JavaTypeFactory typeFactory) {
    return delegate.newConnection(driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return delegate.newDatabaseMetaData(connection);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.@Nullable StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    return new Statement(
        (CalciteConnectionImpl) connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
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
        resultSetHoldability);
  }

  /** Every execution, of a query or a metadata call, makes a result set here: its warnings start. */
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
        statement, (CalcitePrepare.CalciteSignature<?>) signature, metaData, timeZone, firstFrame,
        own, ofStatement);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
    return delegate.newResultSetMetaData(statement, signature);
  }

  /** Where the warnings of an execution come from. */
  public interface Warnings {
    /**
     * Opens the warnings of an execution of {@code statement} that is starting now.
     *
     * @param firstFrame the rows as the {@code Meta} gave them (metadata calls give all their
     *     rows here), or null
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

  /** A {@link CalciteMetaImpl} that code outside this package can extend. */
  public abstract static class MetaBase extends CalciteMetaImpl {
    /** {@code connection} must be a Calcite connection. */
    protected MetaBase(
        AvaticaConnection connection,
        CalciteMetaTableFactory tables,
        CalciteMetaColumnFactory columns) {
      super((CalciteConnectionImpl) connection, tables, columns);
    }
  }

  private static final class Statement extends CalciteStatement {
    private volatile @Nullable Window window;

    Statement(CalciteConnectionImpl connection, Meta.@Nullable StatementHandle h, int type,
        int concurrency, int holdability) {
      super(connection, h, type, concurrency, holdability);
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

    PreparedStatement(CalciteConnectionImpl connection, Meta.@Nullable StatementHandle h,
        Meta.Signature signature, int type, int concurrency, int holdability) throws SQLException {
      super(connection, h, signature, type, concurrency, holdability);
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
    private final Window window;
    private final Window ofStatement;

    ResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature<?> signature,
        ResultSetMetaData metaData, TimeZone timeZone, Meta.@Nullable Frame firstFrame,
        Window window, Window ofStatement) throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
      this.window = window;
      this.ofStatement = ofStatement;
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
