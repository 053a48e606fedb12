/**
 * The local S3 server as tests and benchmarks use it: a JUnit 5 extension that shares one server
 * per test run, and a proxy that injects faults between a client and the server.
 */
package dev.bucketsql.testing.s3;
