package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.config.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.utils.StringInputStream;

/**
 * Builds the SDK client the way S3-compatible servers need it: the one client setup of the project,
 * used by the store and by the diagnostics that sign requests of their own.
 */
public final class S3ClientFactory {
  private S3ClientFactory() {}

  /**
   * The store's client for {@code s}: the SDK retries requests by the store's rules ({@link
   * Retrier#sdkStrategy()}), and every attempt of a request that carries {@link Attempts} is
   * counted there.
   */
  static S3Client create(S3Settings s) {
    return create(s, new Retrier(s.maxAttempts(), s.retryBaseDelay()).sdkStrategy());
  }

  /**
   * A client for {@code s} set up exactly as the store's, except that it never retries, so each
   * answer a diagnosis reads is the server's first. The caller closes it.
   */
  public static S3Client forDiagnosis(S3Settings s) {
    return create(s, AwsRetryStrategy.doNotRetry());
  }

  private static S3Client create(S3Settings s, RetryStrategy retries) {
    AwsCredentials credentials =
        s.sessionToken() == null
            ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
            : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    // An empty profile file: everything comes from our settings, so the SDK does not pick
    // up a stray ~/.aws/config (checksum modes, endpoints) behind the resolver's back.
    ProfileFile noProfile =
        ProfileFile.builder()
            .content(new StringInputStream(""))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();
    var builder =
        S3Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(s.usePathStyle())
                    // aws-chunked uploads break many S3-compatible servers.
                    .chunkedEncodingEnabled(false)
                    .build())
            // Since SDK 2.30 CRC checksums are on by default; strict servers reject the headers.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // requests made under a RequestAbort (version checks started ahead) can be aborted
            .httpClientBuilder(
                new RequestAbort.Builder(
                    Apache5HttpClient.builder()
                        .maxConnections(s.maxConnections())
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout())))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(retries)
                        .addExecutionInterceptor(new Attempts.Interceptor())
                        .defaultProfileFile(noProfile)
                        .defaultProfileName("default"));
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    return builder.build();
  }
}
