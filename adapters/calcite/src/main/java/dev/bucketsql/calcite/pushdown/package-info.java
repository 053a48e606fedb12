/**
 * Filter pushdown: SQL filters (Calcite {@code RexNode}s, literals and {@code ?} parameters)
 * translated once into the typed per-column domains of {@link
 * dev.bucketsql.format.predicate.ScanPredicate}, and the per-connection record of what each scan
 * pushed, pruned and fetched.
 */
package dev.bucketsql.calcite.pushdown;
