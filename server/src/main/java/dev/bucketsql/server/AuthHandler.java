package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses requests that do not authenticate with HTTP 401, a {@code WWW-Authenticate}
 * challenge and a body that says only that authentication is needed. Paths in {@code
 * openPaths} (the health check) are served to anyone. The authenticated user name is left in
 * a request attribute for the Avatica handler and the status page.
 */
final class AuthHandler extends Handler.Wrapper {
    static final String USER_ATTRIBUTE = AuthHandler.class.getName() + ".user";

    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
    private static final byte[] BODY = "Authentication required: connect with the user and password (HTTP BASIC)"
            .concat(" or the bearer token configured on the BucketSQL server\n").getBytes(StandardCharsets.UTF_8);

    private final ClientAuth auth;
    private final Set<String> openPaths;

    AuthHandler(Handler next, ClientAuth auth, Set<String> openPaths) {
        super(requireNonNull(next, "next is null"));
        this.auth = requireNonNull(auth, "auth is null");
        this.openPaths = Set.copyOf(openPaths);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (openPaths.contains(request.getHttpURI().getDecodedPath())) {
            return super.handle(request, response, callback);
        }
        Optional<String> user = auth.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (user.isEmpty()) {
            if (request.getHeaders().contains(HttpHeader.AUTHORIZATION)) {
                // Never the header itself: it carries the password or token.
                LOG.info("Refused a request from {} with wrong credentials", Request.getRemoteAddr(request));
            }
            response.setStatus(HttpStatus.UNAUTHORIZED_401);
            for (String challenge : auth.challenges()) {
                response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, challenge);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(BODY), callback);
            return true;
        }
        request.setAttribute(USER_ATTRIBUTE, user.get());
        return super.handle(request, response, callback);
    }
}
