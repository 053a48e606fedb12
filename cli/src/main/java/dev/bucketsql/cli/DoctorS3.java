package dev.bucketsql.cli;

import dev.bucketsql.storage.config.S3Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The SDK client the doctor signs its own requests with, configured the way the storage
 * layer configures its own (path-style, no chunked encoding, checksums only when required,
 * no retries so each answer is the server's first), and the reading of S3 error answers.
 */
final class DoctorS3 {
  private static final Set<String> REGION_CODES =
      Set.of("AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException");
  private static final List<Pattern> REGION_HINTS =
      List.of(
          Pattern.compile("<Region>\\s*([^<\\s]+)\\s*</Region>"),
          Pattern.compile("expecting '([^']+)'"),
          Pattern.compile("/([A-Za-z0-9_.-]+)/s3/aws4_request"));

  private DoctorS3() {}

  static S3Client client(S3Settings s) {
    AwsCredentials credentials =
        s.sessionToken() == null
            ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
            : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    var builder =
        S3Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s.usePathStyle()).chunkedEncodingEnabled(false).build())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                Apache5HttpClient.builder().connectionTimeout(s.connectTimeout()).socketTimeout(s.socketTimeout()))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    return builder.build();
  }

  /** The S3 error code of {@code e}, or "" when it has none. */
  static String code(S3Exception e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return d != null && d.errorCode() != null ? d.errorCode() : "";
  }

  /** Whether the server refused the region the request was signed for. */
  static boolean isRegionProblem(S3Exception e, String region) {
    return REGION_CODES.contains(code(e)) || expectedRegion(e, region).isPresent();
  }

  /** The region the server says it expects, when its answer names one other than ours. */
  static Optional<String> expectedRegion(S3Exception e, String region) {
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
    for (Pattern p : REGION_HINTS) {
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
