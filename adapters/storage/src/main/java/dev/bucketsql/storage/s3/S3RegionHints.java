package dev.bucketsql.storage.s3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads S3 error answers for what they say about the region: whether the server refused the region
 * a request was signed for, and which region it expects when its answer names one (the {@code
 * x-amz-bucket-region} header, a {@code <Region>} element, Garage's "expecting" text, or the scope
 * of a credential). The store's error messages and the doctor read answers the same way.
 */
public final class S3RegionHints {
  private static final Set<String> REGION_CODES =
      Set.of(
          "AuthorizationHeaderMalformed",
          "PermanentRedirect",
          "IllegalLocationConstraintException");
  private static final List<Pattern> HINTS =
      List.of(
          Pattern.compile("<Region>\\s*([^<\\s]+)\\s*</Region>"),
          Pattern.compile("expecting '([^']+)'"),
          Pattern.compile("/([A-Za-z0-9_.-]+)/s3/aws4_request"));

  private S3RegionHints() {}

  /** The S3 error code of {@code e}, or "" when it has none. */
  public static String code(S3Exception e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return d != null && d.errorCode() != null ? d.errorCode() : "";
  }

  /** Whether the server refused {@code region}, the region the request was signed for. */
  public static boolean isRegionProblem(S3Exception e, String region) {
    return REGION_CODES.contains(code(e)) || expectedRegion(e, region).isPresent();
  }

  /** The region the server says it expects, when its answer names one other than {@code region}. */
  public static Optional<String> expectedRegion(S3Exception e, String region) {
    AwsErrorDetails d = e.awsErrorDetails();
    if (d != null && d.sdkHttpResponse() != null) {
      Optional<String> header = d.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (header.isPresent() && !header.get().equals(region)) {
        return header;
      }
    }
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    if (d != null && d.rawResponse() != null) {
      text.append('\n').append(new String(d.rawResponse().asByteArray(), StandardCharsets.UTF_8));
    }
    for (Pattern p : HINTS) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (!m.group(1).equals(region)) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }
}
