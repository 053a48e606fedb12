/**
 * A real S3 API server for tests, benchmarks and the demo: S3Proxy in this JVM on loopback,
 * with SigV4 authentication, and a JUnit 5 extension that shares one server per test run.
 */
package dev.bucketsql.testing.s3;
