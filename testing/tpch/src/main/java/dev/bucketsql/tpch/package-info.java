/**
 * TPC-H over BucketSQL: the eight tables generated with dbgen's rules ({@code io.trino.tpch}) and
 * written as Parquet objects, the 22 queries with the specification's default substitution
 * parameters, and the comparison of BucketSQL's answers with DuckDB's over the same files. Test and
 * benchmark tooling only; nothing here ships.
 */
package dev.bucketsql.tpch;
