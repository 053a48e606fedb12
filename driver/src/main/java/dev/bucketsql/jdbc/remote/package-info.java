/**
 * The thin remote JDBC driver, {@code jdbc:bucketsql:remote:url=http://HOST:PORT;...}: Avatica's
 * remote driver, whose {@code Statement.cancel()} and {@code setQueryTimeout} stop the query on a
 * BucketSQL server.
 *
 * <p>The stock Avatica client has no way to stop a query whose first rows have not arrived: its
 * {@code cancel()} waits for the execute request, and it never sends a query timeout. {@link
 * dev.bucketsql.jdbc.remote.RemoteDriver} keeps Avatica's protocol, HTTP client, authentication and
 * TLS as they are; its statements add a cancel sent beside the protocol ({@code POST
 * /queries/cancel} on the same server, with the connection's credentials) and a client-side timer
 * that sends the same cancel when a query timeout expires. See {@code docs/server.md}.
 */
package dev.bucketsql.jdbc.remote;
