package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's {@link JdbcMeta} with the changes a network server needs.
 *
 * <p>First, connection properties sent by a remote client are dropped unless their key is
 * allowed: the stock class hands every client property to the driver, which would let any
 * client change what the server reads (for Calcite-based drivers even which model file or
 * schema factory class is loaded). Second, connections come from the driver that was
 * resolved once at build time rather than from {@code DriverManager}, whose "No suitable
 * driver found for URL" message would echo the URL, secrets included, back to the client.
 * Third, a request for a connection the server no longer holds gets an error that says why.
 */
final class ServerJdbcMeta extends JdbcMeta {
    private static final Logger LOG = LoggerFactory.getLogger(ServerJdbcMeta.class);

    /** SQLSTATE "connection does not exist". */
    private static final String MISSING_CONNECTION_SQL_STATE = "08003";

    private final Driver driver;
    private final Set<String> allowedClientProperties;

    ServerJdbcMeta(String url, Driver driver, Properties info, Set<String> allowedClientProperties)
            throws SQLException {
        super(requireNonNull(url, "url is null"), requireNonNull(info, "info is null"));
        this.driver = requireNonNull(driver, "driver is null");
        this.allowedClientProperties = Set.copyOf(
                requireNonNull(allowedClientProperties, "allowedClientProperties is null"));
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        Map<String, String> kept = new HashMap<>();
        Set<String> dropped = new TreeSet<>();
        if (info != null) {
            info.forEach((key, value) -> {
                if (allowedClientProperties.contains(key)) {
                    kept.put(key, value);
                } else {
                    dropped.add(key);
                }
            });
        }
        if (!dropped.isEmpty()) {
            // Keys only: values may be passwords.
            LOG.debug("Connection {}: ignoring client properties {}", ch.id, dropped);
        }
        super.openConnection(ch, kept);
    }

    @Override
    protected Connection createConnection(String url, Properties info) throws SQLException {
        Connection connection = driver.connect(url, info);
        if (connection == null) {
            // Only if the driver changed its mind since build time; never name the URL.
            throw new SQLException("The JDBC driver " + driver.getClass().getName()
                    + " no longer accepts the server's URL");
        }
        return connection;
    }

    @Override
    protected Connection getConnection(String id) throws SQLException {
        try {
            return super.getConnection(id);
        } catch (NoSuchConnectionException e) {
            // The stock exception has no message, so clients would show "Remote driver error:
            // null". Keep its error code: clients with transparent reconnection act on it.
            throw new AvaticaRuntimeException("Connection " + id + " is not open on the server: it was"
                    + " closed, idle longer than the server's connection idle timeout, dropped at the"
                    + " server's connection limit, or the server restarted; reconnect",
                    ErrorResponse.MISSING_CONNECTION_ERROR_CODE, MISSING_CONNECTION_SQL_STATE, AvaticaSeverity.ERROR);
        }
    }

    /** Closes every open statement and connection; used when the server stops. */
    void closeAll() {
        // Invalidation runs JdbcMeta's removal listeners, which close the JDBC objects.
        getStatementCache().invalidateAll();
        getConnectionCache().invalidateAll();
    }

    /** Returns how many client connections are open, for logging and tests. */
    long openConnectionCount() {
        return getConnectionCache().size();
    }
}
