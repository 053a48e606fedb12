package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Lets requests in flight finish when the server stops, and answers requests that arrive meanwhile.
 * Avatica requests get an Avatica error saying the server is shutting down (Avatica clients retry
 * HTTP 503 forever); everything else, such as the health check, gets the usual 503 so that load
 * balancers take the server out of rotation.
 */
final class DrainingHandler extends GracefulHandler {
  private final AvaticaHttpHandler avatica;
  private final String healthPath;

  DrainingHandler(Handler routes, AvaticaHttpHandler avatica, String healthPath) {
    super(requireNonNull(routes, "routes is null"));
    this.avatica = requireNonNull(avatica, "avatica is null");
    this.healthPath = requireNonNull(healthPath, "healthPath is null");
  }

  @Override
  protected void handleShutdownRejection(Request request, Response response, Callback callback) {
    if (healthPath.equals(request.getHttpURI().getDecodedPath())) {
      super.handleShutdownRejection(request, response, callback);
    } else {
      avatica.reject(
          response, callback, "The BucketSQL server is shutting down; reconnect when it is back");
    }
  }
}
