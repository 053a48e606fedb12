package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.rel.BucketPlanRewriter;
import dev.bucketsql.calcite.rel.EstimatedJoinOrder;
import dev.bucketsql.calcite.run.EnginePlanner;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.SingleValuesOptimizationRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.CancelFlag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a BucketSQL connection prepares a statement: DuckDB's DESCRIBE, SHOW and USE as queries
 * ({@link DuckStatements}); otherwise from its {@link PlanCache} when the same text was planned
 * before against the same listing; otherwise with keyword names quoted ({@link KeywordNames}),
 * planned without the merge-join rule, and with errors turned into short messages, validated with
 * {@link BucketTypeCoercion} (integer division gives a DOUBLE, as in DuckDB) after {@link
 * OrderedSetAggregates} (PERCENTILE_CONT ... WITHIN GROUP as a quantile call), {@link ListUnnest}
 * (DuckDB's {@code unnest(l)} in a select list), {@link StructFieldSubscript} (DuckDB's {@code
 * s['f']} on a struct), {@link GroupByLiterals} (only positive integers are GROUP BY ordinals),
 * {@link NullOperands} (negated NULLs) and {@link DistinctWindowOrder} (SELECT DISTINCT with a
 * window, ordered), converted with casts of strings to integers that round ({@link IntegerCasts})
 * and those subscripts as field accesses; before Calcite's optimizer, comparisons and arithmetic of
 * NULL are NULL ({@link NullOperands}), integer arithmetic is made checked ({@link
 * CheckedArithmetic}), conjuncts common to the branches of an OR are pulled out ({@link
 * ConditionFactors}), correlated {@code EXISTS} and {@code NOT EXISTS} with more than keys become
 * semi- and anti-joins ({@link CorrelatedExists}), constant group keys are kept through
 * decorrelation ({@link ConstantGroupKeys}), windows lose their constant keys ({@link
 * WindowConstants}) and -0.0 meets 0.0 in keys ({@link NegativeZeros}); the physical plan Calcite
 * chose then goes through {@link BucketPlanRewriter} (fused join-aggregates, the smaller side of a
 * hash join held in memory). The driver supplies it as its prepare factory, so plain Calcite
 * connections in the same JVM keep Calcite's defaults.
 */
public final class BucketPrepare extends CalcitePrepareImpl {
  private static final Logger LOG = LoggerFactory.getLogger(BucketPrepare.class);

  /**
   * Joins of at least this many joins are ordered by Calcite's heuristic ({@code
   * LoptOptimizeJoinRule} over a {@code MultiJoin}, by the tables' row estimates) instead of its
   * exhaustive search, which took 9 s to plan six sample tables and 16-32 s for TPC-H q07.
   */
  static final int HEURISTIC_JOINS = 3;

  /**
   * Calcite's standard optimizer phase (the planner with the connection's rules), costed by our row
   * estimates, with joins of {@link #HEURISTIC_JOINS} or more ordered heuristically ({@link
   * EstimatedJoinOrder}).
   */
  private static final Program JOIN_ORDER = new EstimatedJoinOrder(HEURISTIC_JOINS);

  /** A new instance; the driver makes one per statement prepared. */
  public BucketPrepare() {
    super();
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    EngineFunctions.install(context.getRootSchema());
    // DuckDB's DESCRIBE, SHOW and USE, answered as queries (never cached: they read the listing)
    String instead =
        DuckStatements.instead(
            query.sql,
            context,
            text -> prepareSql(context, Query.of(text), Object[].class, -1).rowType);
    CalciteSignature<Object[]> analyzed =
        DuckAnalyze.prepare(
            query.sql,
            text -> prepareSql(context, Query.of(text), Object[].class, -1),
            context.getDataContext());
    if (analyzed != null) {
      @SuppressWarnings(
          "unchecked") // rows of EXPLAIN ANALYZE are arrays, as any result of two columns
      CalciteSignature<T> rows = (CalciteSignature<T>) (CalciteSignature<?>) analyzed;
      return rows;
    }
    if (instead == null) {
      // DuckDB's EXPLAIN SELECT ..., and COLUMNS(...) expanded into the columns it names
      instead =
          DuckExplain.instead(
              query.sql,
              text -> prepareSql(context, Query.of(text), Object[].class, -1),
              context.getDataContext());
    }
    if (instead == null) {
      // DuckDB's PIVOT and UNPIVOT statements; PIVOT reads the values that become columns first
      instead =
          DuckPivot.instead(
              query.sql,
              text -> prepareSql(context, Query.of(text), Object[].class, -1).rowType,
              text ->
                  firstColumn(
                      prepareSql(context, Query.of(text), Object[].class, -1),
                      context.getDataContext()));
    }
    if (instead == null) {
      instead =
          DuckColumns.instead(
              query.sql, text -> prepareSql(context, Query.of(text), Object[].class, -1).rowType);
    }
    if (instead != null) {
      return instead.equals(DuckStatements.NO_RESULT)
          ? DuckStatements.noResult(query.sql)
          : prepareSql(context, Query.of(instead), elementType, maxRowCount);
    }
    // the mutable root is the connection's; getRootSchema() is a snapshot per statement
    PlanCache cache = PlanCache.of(context.getMutableRootSchema());
    PlanCache.Key key =
        new PlanCache.Key(query.sql, context.getDefaultSchemaPath(), elementType, maxRowCount);
    Object listing = PlanCache.listing(context);
    CalciteSignature<T> kept = cache.get(key, listing);
    if (kept != null) {
      return kept;
    }
    KeywordNames.Rewritten rewritten = KeywordNames.rewrite(query.sql);
    long start = System.nanoTime();
    CalciteSignature<T> signature;
    try {
      // DuckDB's a // b, which Calcite's parser reads as a comment, and its powers and bit
      // operators, which it reads otherwise: passes of the same length
      IntegerDivisions.Marked divisions = IntegerDivisions.mark(InfixPrecedence.check(rewritten));
      signature =
          super.prepareSql(
              new CheckedContext(context, divisions.places()),
              // a pass of the same length (DuckDB's lambdas) changes the text but no position
              rewritten.changed() || !divisions.sql().equals(query.sql)
                  ? Query.of(divisions.sql())
                  : query,
              elementType,
              maxRowCount);
    } catch (RuntimeException e) {
      if (PlanningStop.stopped()) {
        throw e; // stopped by cancel or the timeout: PlanningStop says which
      }
      throw DidYouMean.suggest(SqlErrors.translate(e, rewritten, query.sql), context, query.sql);
    }
    long nanos = System.nanoTime() - start;
    LOG.debug("planned in {} ms: {}", nanos / 1_000_000, query.sql);
    cache.planned(key, listing, signature, nanos);
    return signature;
  }

  /**
   * Calcite's parser, taking names as long as DuckDB's file references the statement pass makes of
   * {@code read_parquet([...])} ({@link FileTableRefs}); Calcite's default stops at 128.
   */
  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(sql, parserConfig.withIdentifierMaxLength(1 << 16));
  }

  /**
   * Calcite's planner without {@link EnumerableRules#ENUMERABLE_MERGE_JOIN_RULE}: it sorts both
   * join inputs through a generic comparator (12 to over 60 s for the reviews-by-recipes join,
   * against about a second as a hash join), and object scans are never sorted already; with
   * semi-joins made of grouped aggregates only ({@link GroupedSemiJoins}), date parts made ranges
   * only for values they can take ({@link DateRangeGuard}); with {@link WindowNullArgumentsRule}
   * (window aggregates of NULLs the optimizer finds), windows over inputs with columns only ({@link
   * WindowInputs}), aggregates over no row pruned only when they answer no row ({@link
   * EmptyAggregates}); without Calcite's {@link SingleValuesOptimizationRules}.
   */
  @Override
  protected RelOptPlanner createPlanner(
      Context prepareContext,
      org.apache.calcite.plan.@Nullable Context externalContext,
      @Nullable RelOptCostFactory costFactory) {
    // the statement's cancel and timeout, which the planner checks as it goes (PlanningStop)
    CancelFlag stop = PlanningStop.current();
    if (stop != null) {
      externalContext =
          externalContext == null
              ? Contexts.of(prepareContext.config(), stop)
              : Contexts.chain(externalContext, Contexts.of(stop));
    }
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    // it makes COALESCE(SUM(x), 0) a $SUM0 call but reads it at its index among the calls, not
    // among the fields: beside a group key and another aggregate, the other aggregate's value
    planner.removeRule(CoreRules.PROJECT_AGGREGATE_MERGE);
    // it sorts below a projection by a cast's operand wherever the cast keeps order, ties
    // included: ORDER BY CAST(ts AS DATE), x then sorted by ts, x, and a LIMIT kept the rows of
    // the earlier timestamp within a day, whatever their x
    planner.removeRule(CoreRules.SORT_PROJECT_TRANSPOSE);
    GroupedSemiJoins.register(planner);
    DateRangeGuard.register(planner);
    WindowInputs.register(planner);
    EmptyAggregates.register(planner);
    WindowNullArgumentsRule.register(planner);
    NullProjectMerge.register(planner);
    // joins with a one-row VALUES stay joins: these rules put the row's literals in place of the
    // join's fields without keeping their types (a NOT NULL literal for a nullable MAX), and the
    // planner then fails ('Type mismatch'); such a join is a single row's worth of work
    planner.removeRule(SingleValuesOptimizationRules.JOIN_LEFT_INSTANCE);
    planner.removeRule(SingleValuesOptimizationRules.JOIN_RIGHT_INSTANCE);
    planner.removeRule(SingleValuesOptimizationRules.JOIN_LEFT_PROJECT_INSTANCE);
    planner.removeRule(SingleValuesOptimizationRules.JOIN_RIGHT_PROJECT_INSTANCE);
    return planner;
  }

  /**
   * Calcite's conversions, with casts of strings to integers that round as DuckDB's ({@link
   * IntegerCasts}), struct subscripts {@code s['f']} as field accesses ({@link
   * StructFieldSubscript}), and casts of list text and list subscripts as DuckDB's ({@link
   * ListCasts}).
   */
  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return call -> {
      if (call.getOperator() == StructFieldSubscript.INSTANCE) {
        return StructFieldSubscript::convert;
      }
      if (call.getOperator() == TypeOf.INSTANCE) {
        return TypeOf::convert;
      }
      if (call.getOperator() == DuckEpoch.INSTANCE) {
        return DuckEpoch::convert;
      }
      if (call.getOperator() == IntegerDivisions.OPERATOR) {
        return IntegerDivisions::convert;
      }
      if (call.getOperator() instanceof DateArithmetic) {
        return DateArithmetic::convert;
      }
      if (call.getOperator() == DoubleRemainders.INSTANCE) {
        return DoubleRemainders::convert;
      }
      SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
      if (standard != null && call.getKind() == SqlKind.PLUS) {
        // a double plus a zero: SIGNLESS_ZERO of the double, before the simplifier drops the zero
        return (cx, c) -> {
          RexNode converted = standard.convertCall(cx, c);
          RexNode signless =
              converted instanceof RexCall plus
                  ? DoubleComparisons.floatingPlusZero(cx.getRexBuilder(), plus)
                  : null;
          return signless == null ? converted : signless;
        };
      }
      if (standard != null
          && (call.getKind() == SqlKind.MOD
              || call.getOperator().getName().equalsIgnoreCase("ROUND"))) {
        return (cx, c) -> {
          RexNode calcite = standard.convertCall(cx, c);
          RexNode duck =
              DuckResultTypes.convert(cx, c, cx.getValidator().getValidatedNodeType(c), calcite);
          if (duck == null && DoubleCalls.handles(c)) {
            // round of a DOUBLE: DuckDB's, keeping NaN, the infinities and -0.0
            duck = DoubleCalls.convert(cx, c, cx.getValidator().getValidatedNodeType(c));
          }
          return duck == null ? calcite : duck;
        };
      }
      if (standard != null && StringCalls.handles(call)) {
        return (cx, c) -> {
          RexNode duck = StringCalls.convert(cx, c, cx.getValidator().getValidatedNodeType(c));
          return duck == null ? standard.convertCall(cx, c) : duck;
        };
      }
      if (standard != null && call.getKind() == SqlKind.ITEM) {
        return (cx, c) -> {
          RexNode converted = standard.convertCall(cx, c);
          RexNode list = ListCasts.subscript(cx.getRexBuilder(), converted);
          return list == null ? converted : list;
        };
      }
      if (standard != null && DoubleCalls.handles(call)) {
        return (cx, c) -> {
          RexNode duck = DoubleCalls.convert(cx, c, cx.getValidator().getValidatedNodeType(c));
          return duck == null ? standard.convertCall(cx, c) : duck;
        };
      }
      if (standard == null
          || (call.getKind() != SqlKind.CAST && call.getKind() != SqlKind.SAFE_CAST)) {
        return standard;
      }
      return (cx, c) -> {
        RexNode list =
            ListCasts.castText(
                cx.getRexBuilder(), standard.convertCall(cx, c), c.getKind() == SqlKind.SAFE_CAST);
        if (list != null) {
          return list;
        }
        boolean safe = c.getKind() == SqlKind.SAFE_CAST;
        RelDataType target = cx.getValidator().getValidatedNodeTypeIfKnown(c);
        // text that is no value of the type fails here, before Calcite can fold the cast away;
        // not a cast the validator added to compare (x = 'five': it has its operand's position),
        // whose failure QueryErrors reports with the comparison
        if (target != null && !c.getParserPosition().equals(c.operand(0).getParserPosition())) {
          TextCasts.checkLiteral(cx.convertExpression(c.operand(0)), target, safe);
        }
        RexNode toBoolean =
            target == null
                ? null
                : TextCasts.rewrite(
                    cx.getRexBuilder(), cx.convertExpression(c.operand(0)), target, safe);
        if (toBoolean != null) {
          return toBoolean;
        }
        RexNode converted =
            BooleanText.rewrite(
                cx.getRexBuilder(),
                TimestampText.rewrite(cx.getRexBuilder(), standard.convertCall(cx, c)));
        if (SqlTypeUtil.isCharacter(converted.getType())) {
          // numbers as DuckDB writes them (NumberText), not Java's 1.0E10 or Calcite's .50
          RexNode text =
              NumberText.rewrite(
                  cx.getRexBuilder(), cx.convertExpression(c.operand(0)), converted.getType());
          if (text != null) {
            return text;
          }
        }
        RexNode rounded = IntegerCasts.rewrite(cx.getRexBuilder(), converted);
        if (rounded != converted || converted.getType().getSqlTypeName() == null) {
          return rounded;
        }
        // Calcite folds a cast of a numeric literal here, truncating it: convert the operand
        // alone and cast it as DuckDB does (CheckedArithmetic), folded later by calling it
        RexNode numeric =
            CheckedArithmetic.numericCast(
                cx.getRexBuilder(),
                cx.convertExpression(c.operand(0)),
                converted.getType(),
                c.getKind() == SqlKind.SAFE_CAST);
        return numeric == null ? converted : numeric;
      };
    };
  }

  /** The values of the first column of a prepared query's result, as text (null as null). */
  private static List<String> firstColumn(
      CalciteSignature<Object[]> signature, DataContext dataContext) {
    List<String> values = new ArrayList<>();
    DataContext withPlan = DuckAnalyze.withPlan(signature, dataContext);
    try (Enumerator<Object[]> rows = signature.enumerable(withPlan).enumerator()) {
      while (rows.moveNext()) {
        Object row = rows.current();
        // a result of one column comes as its values, not as arrays
        Object value = row instanceof Object[] array ? array[0] : row;
        values.add(value == null ? null : value.toString());
      }
    }
    return values;
  }

  /** Calcite's statement preparation, with {@link BucketPlanRewriter} after its optimizer. */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention resultConvention =
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
    return new CalcitePreparingStmt(
        this,
        context,
        catalogReader,
        context.getTypeFactory(),
        context.getRootSchema(),
        prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())),
        resultConvention,
        createConvertletTable()) {
      @Override
      protected Program getProgram() {
        // each step timed for EXPLAIN ANALYZE and the planning benchmark (PrepareClock)
        return Programs.sequence(
            PrepareClock.timed(
                "rewrite",
                Programs.sequence(
                    DoubleFolding.PROGRAM,
                    DuckDayOfWeek.PROGRAM,
                    NullOperands.PROGRAM,
                    CheckedArithmetic.PROGRAM,
                    DoubleOrderCalls.PROGRAM,
                    ConditionFactors.PROGRAM)),
            PrepareClock.timed(
                "decorrelate",
                Programs.sequence(
                    Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
                    CorrelatedExists.PROGRAM,
                    ConstantGroupKeys.MARK,
                    OuterJoinConditions.MARK,
                    Programs.decorrelate(),
                    OuterJoinConditions.UNMARK,
                    ConstantGroupKeys.UNMARK,
                    InSubqueryKeys.UNWRAP,
                    Programs.measure(DefaultRelMetadataProvider.INSTANCE))),
            PrepareClock.timed(
                "trim",
                Programs.sequence(
                    Programs.trim(),
                    WindowConstants.PROGRAM,
                    // join keys computed below the join again, now that subqueries are
                    // decorrelated (see getSqlToRelConverter), so that NegativeZeros sees them as
                    // keys
                    Programs.hep(
                        List.of(CoreRules.JOIN_PUSH_EXPRESSIONS),
                        true,
                        DefaultRelMetadataProvider.INSTANCE),
                    NegativeZeros.PROGRAM,
                    StaleCorrelations.PROGRAM)),
            // Calcite's cost-based planner, many-way joins gathered and ordered first
            PrepareClock.timed("volcano", JOIN_ORDER),
            PrepareClock.timed(
                "calc",
                Programs.sequence(
                    Programs.calc(DefaultRelMetadataProvider.INSTANCE),
                    NullabilityCasts.PROGRAM,
                    ListElementCasts.PROGRAM,
                    DoubleComparisons.PROGRAM,
                    DoubleSorts.PROGRAM,
                    // before BranchExtracts, which must see the CASEs it makes
                    LazyLogic.PROGRAM,
                    BranchExtracts.PROGRAM)),
            PrepareClock.timed("rewriter", new BucketPlanRewriter()),
            // what the engine computes exactly runs on it (docs/engine.md)
            PrepareClock.timed("engine", new EnginePlanner()));
      }

      /**
       * Calcite's conversion, with the expressions of a join's condition left in the condition:
       * pushed into a projection below the join (a key cast to the other side's type, INTEGER =
       * BIGINT) they shift the join's fields, and the decorrelator then reads a correlated
       * subquery's outer columns at the wrong positions (a wrong value, or 'Decorrelation produced
       * a relation with a different type'). The optimizer pushes them down afterwards
       * (JoinPushExpressionsRule), so the join still hashes its keys.
       *
       * <p>Nor are projections merged while converting: Calcite merged a select list into the
       * projection of a derived table below it before it knew the list's correlation variables, and
       * lost the derived table's own ({@code SELECT x.m, (SELECT MAX(g.k) FROM g WHERE g.k = x.k)
       * FROM (SELECT f.k, (SELECT MAX(d.k) FROM d WHERE d.k = f.k) AS m FROM f) x}): the inner
       * subquery's correlation was then dropped, and it was joined to every row of {@code f} (six
       * times the rows), or the plan failed (XX000). The optimizer merges projections afterwards.
       */
      @Override
      protected SqlToRelConverter getSqlToRelConverter(
          SqlValidator validator,
          Prepare.CatalogReader catalogReader,
          SqlToRelConverter.Config config) {
        UnaryOperator<RelBuilder.Config> transform = config.getRelBuilderConfigTransform();
        return super.getSqlToRelConverter(
            validator,
            catalogReader,
            config.withRelBuilderConfigTransform(
                c -> transform.apply(c).withPushJoinCondition(false).withBloat(-1)));
      }

      /**
       * Calcite's trimming of unused fields, skipped where it fails: on a correlated subquery over
       * the right side of a RIGHT JOIN its renumbering of correlated fields goes out of bounds
       * ("Index -1 out of bounds"). Trimming only narrows rows; the plan is the same without it,
       * and the optimizer program trims again after decorrelation. Comparisons with NULL are made
       * NULL first ({@link NullOperands}): trimming pulls up predicates, which rejects them.
       */
      @Override
      protected RelRoot trimUnusedFields(RelRoot root) {
        root = root.withRel(NullOperands.rewrite(root.rel));
        try {
          return super.trimUnusedFields(root);
        } catch (IndexOutOfBoundsException e) {
          LOG.debug("planned without trimming unused fields", e);
          return root;
        }
      }

      @Override
      protected SqlValidator createSqlValidator(
          Prepare.CatalogReader reader, UnaryOperator<SqlValidator.Config> configTransform) {
        SqlValidator base =
            super.createSqlValidator(
                reader,
                c -> configTransform.apply(c).withTypeCoercionFactory(BucketTypeCoercion::new));
        SqlOperatorTable operators =
            SqlOperatorTables.chain(
                TypeOf.TABLE,
                DuckEpoch.TABLE,
                IntegerDivisions.TABLE,
                base.getOperatorTable(),
                DuckDbOperators.TABLE);
        List<int[]> divisions =
            context instanceof CheckedContext checked ? checked.integerDivisions() : List.of();
        return new SqlValidatorImpl(
            operators, base.getCatalogReader(), base.getTypeFactory(), base.config()) {
          @Override
          public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
            RelDataType known = getValidatedNodeTypeIfKnown(expr);
            if (known == null) {
              // length(l) of a list is len(l)
              ListFolds.retarget(expr, operand -> super.deriveType(scope, operand));
              // date + n, date - date, timestamp - timestamp as DuckDB types them
              DateArithmetic.retarget(expr, operand -> deriveType(scope, operand));
              DoubleRemainders.retarget(expr, operand -> deriveType(scope, operand));
            }
            RelDataType type = super.deriveType(scope, expr);
            if (known != null
                || !(expr instanceof SqlCall call)
                || call.getOperandList().isEmpty()) {
              return type;
            }
            List<RelDataType> operandTypes = new java.util.ArrayList<>();
            for (SqlNode operand : call.getOperandList()) {
              RelDataType operandType =
                  operand == null ? null : getValidatedNodeTypeIfKnown(operand);
              if (operandType == null) {
                return type;
              }
              operandTypes.add(operandType);
            }
            RelDataType duck = DuckResultTypes.of(call, type, operandTypes, getTypeFactory());
            if (duck != type) {
              setValidatedNodeType(expr, duck);
            }
            return duck;
          }

          @Override
          protected void validateWhereClause(SqlSelect select) {
            WhereAliases.expand(select, getWhereScope(select), this); // DuckDB's aliases in WHERE
            super.validateWhereClause(select);
          }

          @Override
          public SqlNode validate(SqlNode topNode) {
            SqlNode validated = validateRewritten(topNode);
            PrepareClock.validated(); // EXPLAIN ANALYZE's phases
            return validated;
          }

          private SqlNode validateRewritten(SqlNode topNode) {
            return super.validate(
                LambdaCaptures.rewrite(
                    StructFieldSubscript.rewrite(
                        OrderedSetAggregates.rewrite(
                            AggregateOrders.nullsLast(
                                ListUnnest.rewrite(
                                    DistinctWindowOrder.rewrite(
                                        InSubqueryKeys.rewrite(
                                            DistinctSetOperands.rewrite(
                                                DuckColumnNames.name(
                                                    NullOperands.rewrite(
                                                        GroupByLiterals.rewrite(
                                                            PivotNames.rewrite(
                                                                DatePartUnits.rewrite(
                                                                    InfixPrecedence.rewrite(
                                                                        IntegerDivisions.rewrite(
                                                                            DistinctOn.rewrite(
                                                                                ByAll.expand(
                                                                                    DuckTypeNames
                                                                                        .rewrite(
                                                                                            topNode))),
                                                                            divisions))))))))))))))));
          }
        };
      }
    };
  }
}
