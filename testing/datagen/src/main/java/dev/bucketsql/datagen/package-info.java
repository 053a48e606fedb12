/**
 * Seeded, deterministic generator of a sample data set shaped like Food.com's recipes and reviews
 * (CSV and Parquet), for tests and benchmarks.
 *
 * <p>{@link dev.bucketsql.datagen.SampleData} writes the files and returns a {@link
 * dev.bucketsql.datagen.SampleManifest} holding the generator's own counts of what it wrote, which
 * tests compare SQL answers with; it can also upload the files to an S3 bucket. {@link
 * dev.bucketsql.datagen.GenerateMain} writes a chosen scale to a directory for benchmarks.
 */
package dev.bucketsql.datagen;
