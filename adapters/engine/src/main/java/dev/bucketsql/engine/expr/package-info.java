/**
 * Vectorized scalar expressions ({@link dev.bucketsql.engine.expr.Expr}, built by {@link
 * dev.bucketsql.engine.expr.Exprs}): column references, constants, comparisons, three-valued
 * AND/OR/NOT, overflow-checked arithmetic and division, casts ({@link
 * dev.bucketsql.engine.expr.Casts}, shared with the SQL layer), CASE and LIKE, each evaluated a
 * batch at a time and, where SQL evaluates an operand only for some rows (a CASE branch, the right
 * side of AND/OR), only for those rows; and the operators over them, {@link
 * dev.bucketsql.engine.expr.Filter} and {@link dev.bucketsql.engine.expr.Project}.
 */
package dev.bucketsql.engine.expr;
