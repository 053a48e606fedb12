/**
 * Filters in a form every format can use: per-column domains (ranges and NULL), combined into the
 * predicate a scan may use to skip data that cannot match.
 */
package dev.bucketsql.format.predicate;
