/**
 * Hash joins: {@link dev.bucketsql.engine.join.HashJoin} builds a hash table on the input the
 * caller chooses and probes it with the other, for every {@link
 * dev.bucketsql.engine.join.JoinType}.
 */
package dev.bucketsql.engine.join;
