/**
 * The network face of BucketSQL: an Avatica HTTP server that serves any JDBC URL (normally {@code
 * jdbc:bucketsql:...}) to remote clients such as BI tools.
 *
 * <p>{@link dev.bucketsql.server.BucketSqlServer} hosts Avatica's transport-free protocol handlers
 * inside Jetty 12 and gives each remote connection its own connection of the underlying driver.
 * {@link dev.bucketsql.server.ClientAuth} (HTTP BASIC against a {@link
 * dev.bucketsql.server.UsersFile}, or a bearer token) guards every path but {@code /health}; a
 * PKCS12 keystore turns on TLS. The status page lists running queries and cancels them; {@code POST
 * /queries/cancel} lets BucketSQL's remote driver cancel its own ({@code Statement.cancel()}, query
 * timeouts), which Avatica's protocol cannot. {@link dev.bucketsql.server.ServerMain} runs a bare
 * server from the command line; users run {@code bucketsql serve}. See {@code docs/server.md} for
 * the design.
 */
package dev.bucketsql.server;
