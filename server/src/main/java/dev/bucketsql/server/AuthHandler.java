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
 * Refuses requests that do not authenticate with HTTP 401, a {@code WWW-Authenticate} challenge and
 * a body that says only that authentication is needed. Paths in {@code openPaths} (the health
 * check) are served to anyone. The authenticated user name is left in a request attribute for the
 * Avatica handler and the status page.
 *
 * <p>Failed logins are counted per client address ({@link LoginThrottle}); an address with too many
 * is answered HTTP 429 with {@code Retry-After} until its delay ends, without its credentials being
 * checked, so that guessing passwords gets no faster with more threads.
 */
final class AuthHandler extends Handler.Wrapper {
  static final String USER_ATTRIBUTE = AuthHandler.class.getName() + ".user";

  private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
  private static final byte[] BODY =
      "Authentication required: connect with the user and password (HTTP BASIC)"
          .concat(" or the bearer token configured on the BucketSQL server\n")
          .getBytes(StandardCharsets.UTF_8);

  private final ClientAuth auth;
  private final Set<String> openPaths;
  private final LoginThrottle throttle;

  AuthHandler(Handler next, ClientAuth auth, Set<String> openPaths, LoginThrottle throttle) {
    super(requireNonNull(next, "next is null"));
    this.auth = requireNonNull(auth, "auth is null");
    this.openPaths = Set.copyOf(openPaths);
    this.throttle = requireNonNull(throttle, "throttle is null");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (openPaths.contains(request.getHttpURI().getDecodedPath())) {
      return super.handle(request, response, callback);
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String address = Request.getRemoteAddr(request);
    if (header != null && auth.required()) {
      long wait = throttle.retryAfterSeconds(address);
      if (wait > 0) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS_429);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(
            true,
            ByteBuffer.wrap(
                ("Too many failed logins from "
                        + address
                        + "; retry in "
                        + wait
                        + " s with the right user and password\n")
                    .getBytes(StandardCharsets.UTF_8)),
            callback);
        return true;
      }
    }
    Optional<String> user = auth.authenticate(header);
    if (user.isEmpty()) {
      if (header != null) {
        throttle.failed(address);
        // Never the header itself: it carries the password or token.
        LOG.info("Refused a request from {} with wrong credentials", address);
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
