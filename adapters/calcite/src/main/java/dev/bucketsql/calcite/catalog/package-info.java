/**
 * The bucket as a catalog: how object keys become schemas and tables (single files, folders of part
 * files, Hive-partitioned folders), the cached listing with its time to live, inferred schemas
 * cached per object version (ETag), and the {@code files(glob)} table function. Documented in
 * docs/catalog.md.
 */
package dev.bucketsql.calcite.catalog;
