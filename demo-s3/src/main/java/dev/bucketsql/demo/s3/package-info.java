/**
 * The local S3 server of {@code bucketsql demo}: S3Proxy in this JVM on loopback, with SigV4
 * authentication and strict header checking. Tests use it through {@code dev.bucketsql.testing.s3},
 * which adds what only tests need.
 */
package dev.bucketsql.demo.s3;
