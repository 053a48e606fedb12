/**
 * Benchmarks against a local S3 server, reported as ratios to the raw download of the same bytes in
 * the same run, with bytes and requests fetched. Never run as tests.
 */
package dev.bucketsql.bench;
