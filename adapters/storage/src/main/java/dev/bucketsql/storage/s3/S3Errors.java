package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.AccessDeniedException;
import dev.bucketsql.storage.Causes;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK and network failures into {@link StorageException}s whose message says what went wrong
 * and what to fix, in the user's terms (endpoint, region, key id, bucket). Messages never contain
 * the secret or the session token, and show only the first four characters of the access key id;
 * text quoted from the server is scrubbed the same way.
 */
final class S3Errors {
  private final S3Settings settings;

  S3Errors(S3Settings settings) {
    this.settings = settings;
  }

  /**
   * The failure {@code e} that happened while {@code action} (e.g. "listing s3://b/"), as a message
   * that says what to fix.
   */
  StorageException translate(Throwable e, String action) {
    return create(message(e, action, null), e);
  }

  /** Like {@link #translate}, adding the buckets the key can see when the bucket is missing. */
  StorageException translate(Throwable e, String action, BucketLister lister) {
    return create(message(e, action, lister), e);
  }

  /**
   * An {@link AccessDeniedException} when the server refused the credentials, so callers can tell.
   */
  private static StorageException create(String message, Throwable e) {
    S3Exception s3 = find(e, S3Exception.class);
    AwsErrorDetails d = s3 == null ? null : s3.awsErrorDetails();
    String code = d != null && d.errorCode() != null ? d.errorCode() : "";
    boolean denied =
        code.equals("InvalidAccessKeyId")
            || code.equals("SignatureDoesNotMatch")
            || (s3 != null
                && s3.statusCode() == 403
                && !code.equals("AuthorizationHeaderMalformed"));
    return denied ? new AccessDeniedException(message, e) : new StorageException(message, e);
  }

  /** Lists the bucket names the credentials can see, for the "no such bucket" message. */
  interface BucketLister {
    List<String> list();
  }

  private String message(Throwable e, String action, BucketLister lister) {
    URI endpoint = settings.endpoint();
    String host =
        endpoint != null ? endpoint.getHost() : "s3." + settings.region() + ".amazonaws.com";
    String hostPort = host + ":" + port(endpoint);
    String where = " (endpoint " + settings.endpointForMessages() + ", while " + action + ")";
    if (find(e, UnknownHostException.class) != null) {
      return "cannot resolve host "
          + host
          + where
          + "; check DNS or /etc/hosts, and the endpoint setting";
    }
    if (find(e, ConnectException.class) != null) {
      return "nothing is listening at "
          + hostPort
          + where
          + "; check the endpoint URL and port, and that the server is running";
    }
    if (isConnectTimeout(e)) {
      return "no TCP connection to "
          + hostPort
          + " within connectTimeout="
          + settings.connectTimeout().toMillis()
          + " ms"
          + where
          + "; check that the host is reachable (firewall, VPN) or raise connectTimeout";
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return hostPort
          + " sent no answer within socketTimeout="
          + settings.socketTimeout().toMillis()
          + " ms"
          + where
          + "; check that the endpoint is an S3 server and not overloaded, or raise socketTimeout";
    }
    S3Exception s3 = find(e, S3Exception.class);
    if (s3 != null) {
      return s3Message(s3, where, lister);
    }
    return "S3 request failed" + where + ": " + scrub(String.valueOf(e.getMessage()));
  }

  private String s3Message(S3Exception e, String where, BucketLister lister) {
    AwsErrorDetails d = e.awsErrorDetails();
    String code = S3RegionHints.code(e);
    String key = settings.maskedAccessKeyId();
    Optional<String> expected = S3RegionHints.expectedRegion(e, settings.region());
    switch (code) {
      case "InvalidAccessKeyId":
        return "the server does not know access key id "
            + key
            + where
            + "; check accessKeyId (or user) and that the key exists on the server";
      case "SignatureDoesNotMatch":
        return "the secret access key does not match key id "
            + key
            + where
            + "; check secretAccessKey (or password)";
      case "NoSuchBucket":
        return "bucket '"
            + settings.bucket()
            + "' does not exist"
            + where
            + "; "
            + bucketHint(lister);
      default:
        break;
    }
    if (S3RegionHints.isRegionProblem(e, settings.region())) {
      return "the server rejected region '"
          + settings.region()
          + "' that requests are signed with"
          + where
          + expected
              .map(r -> "; it expects region '" + r + "': set region=" + r)
              .orElse("; set region= to the server's region (Garage: s3_region in garage.toml)");
    }
    if (e.statusCode() == 403) {
      return "access denied (HTTP 403 "
          + code
          + ") for key id "
          + key
          + " on bucket '"
          + settings.bucket()
          + "'"
          + where
          + "; check the key's permissions on the bucket";
    }
    if (e.statusCode() == 404 && lister != null) {
      return "bucket '"
          + settings.bucket()
          + "' not found (HTTP 404)"
          + where
          + "; "
          + bucketHint(lister);
    }
    String serverMessage =
        d != null && d.errorMessage() != null ? ": " + scrub(d.errorMessage()) : "";
    return "S3 request failed with HTTP "
        + e.statusCode()
        + (code.isEmpty() ? "" : " " + code)
        + where
        + serverMessage
        + (e.statusCode() >= 500 ? "; the server failed, retry later or check its logs" : "");
  }

  private String bucketHint(BucketLister lister) {
    if (lister == null) {
      return "check the bucket setting";
    }
    try {
      List<String> names = lister.list();
      return names.isEmpty()
          ? "key id "
              + settings.maskedAccessKeyId()
              + " sees no buckets at all; check the bucket setting and the key's grants"
          : "buckets key id "
              + settings.maskedAccessKeyId()
              + " can see: "
              + String.join(", ", names)
              + "; fix the bucket setting";
    } catch (RuntimeException listFailure) {
      return "the buckets of key id "
          + settings.maskedAccessKeyId()
          + " cannot be listed ("
          + Retrier.describe(listFailure)
          + "); check the bucket setting";
    }
  }

  /** {@code text} with the secret, the session token and the full key id taken out. */
  String scrub(String text) {
    String out = text.replace(settings.secretAccessKey(), "****");
    if (settings.sessionToken() != null) {
      out = out.replace(settings.sessionToken(), "****");
    }
    return out.replace(settings.accessKeyId(), settings.maskedAccessKeyId());
  }

  /** Whether the TCP connection itself timed out (as opposed to waiting for an answer). */
  static boolean isConnectTimeout(Throwable e) {
    return Causes.any(
        e,
        t ->
            t.getClass().getSimpleName().equals("ConnectTimeoutException")
                || (t instanceof SocketTimeoutException
                    && String.valueOf(t.getMessage())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("connect")));
  }

  private static int port(URI endpoint) {
    if (endpoint == null) {
      return 443;
    }
    if (endpoint.getPort() != -1) {
      return endpoint.getPort();
    }
    return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
  }

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    return Causes.find(e, type);
  }
}
