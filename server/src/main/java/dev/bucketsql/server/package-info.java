/**
 * The network face of BucketSQL: an Avatica HTTP server that serves any JDBC URL (normally
 * {@code jdbc:bucketsql:...}) to remote clients such as BI tools.
 *
 * <p>{@link dev.bucketsql.server.BucketSqlServer} hosts Avatica's transport-free protocol
 * handlers inside Jetty 12 and gives each remote connection its own connection of the
 * underlying driver. {@link dev.bucketsql.server.ServerMain} runs one from the command line.
 * See {@code docs/server.md} for the design and its reasons.
 */
package dev.bucketsql.server;
