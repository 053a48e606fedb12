/**
 * Routes the shaded driver jar's SLF4J logging (the driver's, Calcite's, the AWS SDK's) to {@code
 * java.util.logging}, which every JVM has. Only the shaded jar registers {@link
 * dev.bucketsql.jdbc.logging.JulServiceProvider} (under the relocated SLF4J name); the plain driver
 * jar leaves SLF4J to the host's provider. See docs/architecture.md, "Logging".
 */
package dev.bucketsql.jdbc.logging;
