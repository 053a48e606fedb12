package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.storage.IoStats;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's {@code EXPLAIN ANALYZE <query>}: prepares the query with its planning phases timed
 * ({@link PrepareClock}), and on each execution runs it to the end, discarding its rows, under the
 * execution's own cancel flag, timeout and memory limits, then answers DuckDB's shape: one row,
 * {@code explain_key} ({@code analyzed_plan}) and {@code explain_value}, the plan annotated with
 * the rows returned, the times and what the scans read.
 */
final class DuckAnalyze {
  /** The statement that gives the result its columns; its row is replaced on execution. */
  private static final String SHAPE =
      "SELECT * FROM (VALUES (CAST('analyzed_plan' AS VARCHAR), CAST('' AS VARCHAR))) AS t(explain_key, explain_value)";

  private DuckAnalyze() {}

  /**
   * The prepared {@code EXPLAIN ANALYZE} of {@code sql}, or null when {@code sql} is not one.
   *
   * @param prepare prepares a statement of this connection (the query, its plan, the shape)
   */
  static @Nullable CalciteSignature<Object[]> prepare(
      String sql,
      Function<String, CalciteSignature<Object[]>> prepare,
      DataContext prepareContext) {
    // most statements are not EXPLAIN ANALYZE: no tokenizing for them (a long IN list costs)
    if (!sql.toUpperCase(Locale.ROOT).contains("ANALYZE")) {
      return null;
    }
    String query = DuckExplain.analyzed(sql);
    if (query == null) {
      return null;
    }
    CalciteSignature<Object[]> inner;
    PrepareClock.Phases phases;
    try (PrepareClock clock = PrepareClock.start()) {
      inner = prepare.apply(query);
      phases = clock.phases();
    }
    String plan = DuckExplain.plan(query, prepare, prepareContext);
    CalciteSignature<Object[]> shape = prepare.apply(SHAPE);
    if (shape.cursorFactory.style != Meta.Style.ARRAY) {
      throw new IllegalStateException(
          "EXPLAIN ANALYZE expects rows as arrays, not " + shape.cursorFactory.style);
    }
    return new CalciteSignature<>(
        sql,
        List.of(),
        shape.internalParameters,
        shape.rowType,
        shape.columns,
        shape.cursorFactory,
        shape.rootSchema,
        shape.getCollationList(),
        -1,
        dataContext -> analyzed(inner, phases, plan, dataContext),
        Meta.StatementType.SELECT);
  }

  /** One row whose explanation is computed when it is first asked for: the query then runs. */
  private static Enumerable<Object[]> analyzed(
      CalciteSignature<Object[]> inner,
      PrepareClock.Phases phases,
      String plan,
      DataContext dataContext) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.singletonEnumerator(
            new Object[] {"analyzed_plan", run(inner, phases, plan, dataContext)});
      }
    };
  }

  private static String run(
      CalciteSignature<Object[]> inner,
      PrepareClock.Phases phases,
      String plan,
      DataContext dataContext) {
    QueryProvider connection = dataContext.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    if (registry != null) {
      // the scans listed afterwards are this run's only, also when the query scans nothing
      registry.clear();
    }
    long start = System.nanoTime();
    long rows = 0;
    try (Enumerator<?> e = inner.enumerable(withPlan(inner, dataContext)).enumerator()) {
      while (e.moveNext()) {
        e.current();
        rows++;
      }
    }
    long execution = System.nanoTime() - start;
    List<ScanReport> scans = registry == null ? List.of() : registry.latestScans();
    return render(phases, execution, rows, plan, scans);
  }

  static String render(
      PrepareClock.Phases phases, long execution, long rows, String plan, List<ScanReport> scans) {
    StringBuilder out = new StringBuilder();
    out.append("Total Time: ")
        .append(String.format(Locale.ROOT, "%.4fs", (phases.total() + execution) / 1e9))
        .append('\n');
    out.append("Rows: ").append(rows).append('\n');
    if (phases.reused()) {
      out.append("Planning: plan reused (").append(ms(phases.total())).append(")\n");
    } else {
      out.append("Planning: ")
          .append(ms(phases.total()))
          .append(" (parse ")
          .append(ms(phases.parse()))
          .append(", validate ")
          .append(ms(phases.validate()))
          .append(", convert ")
          .append(ms(phases.convert()))
          .append(", optimize ")
          .append(ms(phases.optimize()))
          .append(", codegen ")
          .append(ms(phases.codegen()))
          .append(")\n");
      if (!phases.steps().isEmpty()) {
        out.append("Planning steps:");
        String separator = " ";
        for (PrepareClock.Step step : phases.steps()) {
          out.append(separator).append(step.name()).append(' ').append(ms(step.nanos()));
          separator = ", ";
        }
        out.append('\n');
      }
    }
    out.append("Execution: ").append(ms(execution)).append('\n');
    long requests = 0;
    long bytes = 0;
    for (ScanReport scan : scans) {
      requests += scan.fetched().requests();
      bytes += scan.fetched().bytesFetched();
    }
    out.append("S3: ").append(requests).append(" requests, ").append(bytes).append(" bytes\n");
    out.append("Plan:\n").append(plan.strip()).append('\n');
    for (ScanReport scan : scans) {
      IoStats.Snapshot fetched = scan.fetched();
      out.append("Scan ")
          .append(scan.key())
          .append(": ")
          .append(scan.rows())
          .append(" rows, ")
          .append(fetched.requests())
          .append(" requests, ")
          .append(fetched.bytesFetched())
          .append(" bytes");
      if (scan.pruning().total() > 0) { // a format without row groups reads the whole object
        out.append(", row groups ").append(scan.pruning());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  /**
   * The execution's context with the plan's stashed objects (its tables, pushed filters), which
   * travel in the query's internal parameters; everything else (the cancel flag, the timeout, the
   * connection and its limits) is the execution's.
   */
  static DataContext withPlan(CalciteSignature<?> signature, DataContext dataContext) {
    return new DataContext() {
      @Override
      public @Nullable SchemaPlus getRootSchema() {
        return dataContext.getRootSchema();
      }

      @Override
      public JavaTypeFactory getTypeFactory() {
        return dataContext.getTypeFactory();
      }

      @Override
      public QueryProvider getQueryProvider() {
        return dataContext.getQueryProvider();
      }

      @Override
      public @Nullable Object get(String name) {
        return signature.internalParameters.containsKey(name)
            ? signature.internalParameters.get(name)
            : dataContext.get(name);
      }
    };
  }
}
