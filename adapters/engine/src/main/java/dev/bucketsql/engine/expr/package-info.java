/**
 * Vectorized scalar expressions ({@link dev.bucketsql.engine.expr.Expr}, built by {@link
 * dev.bucketsql.engine.expr.Exprs}): column references, constants, comparisons, three-valued
 * AND/OR/NOT and overflow-checked arithmetic, each evaluated a batch at a time; and the operators
 * over them, {@link dev.bucketsql.engine.expr.Filter} and {@link dev.bucketsql.engine.expr.Project}.
 */
package dev.bucketsql.engine.expr;
