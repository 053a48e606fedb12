package dev.bucketsql.cli;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ClientFactory;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.storage.s3.S3RegionHints;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The checks of {@code bucketsql doctor}, in the order a person would make them by hand; each runs
 * only if the ones it depends on passed. Only the user's endpoint is contacted.
 */
final class Doctor {
  /** Reverse proxies and load balancers whose name shows in {@code Server} or {@code Via}. */
  private static final List<String> PROXY_NAMES =
      List.of(
          "nginx",
          "apache",
          "httpd",
          "traefik",
          "caddy",
          "envoy",
          "haproxy",
          "cloudflare",
          "varnish",
          "squid",
          "awselb",
          "openresty",
          "h2o",
          "lighttpd",
          "iis");

  /** A direct Garage node serves 500+ MB/s; below this, a proxy in front is worth a look. */
  static final double FAST_MBPS = 100;

  private static final int READ_CHECK_BYTES = 64 * 1024;
  private static final long MIN_SAMPLE_BYTES = 1024 * 1024;

  private final S3Settings settings;
  private final double minMbps;
  private final long sampleBytes;
  private final String sampleKey;
  private final List<DoctorCheck> results = new ArrayList<>();
  private final Map<String, String> headersSeen = new TreeMap<>();
  private InetAddress address;
  private double latencyMillis = -1;
  private ObjectInfo sample;
  private double measuredMbps = -1;

  Doctor(S3Settings settings, double minMbps, long sampleBytes, String sampleKey) {
    this.settings = requireNonNull(settings, "settings is null");
    this.minMbps = minMbps;
    this.sampleBytes = sampleBytes;
    this.sampleKey = sampleKey;
  }

  /** Runs every check; a failed one makes the checks that need it skip. */
  List<DoctorCheck> run() {
    boolean ok = add(dns()) && add(tcp()) && add(http());
    if (!ok) {
      skipRest(
          "credentials valid",
          "region matches",
          "bucket listable",
          "object readable",
          "download throughput",
          "no slow reverse proxy");
      return results;
    }
    try (S3Client client = S3ClientFactory.forDiagnosis(settings);
        S3ObjectStore store = S3ObjectStore.create(settings)) {
      boolean credentialsAndRegion = credentialsAndRegion(client);
      ok = credentialsAndRegion && add(bucket(store)) && add(readable(store, client));
      if (!ok) {
        skipRest(
            credentialsAndRegion ? null : "bucket listable",
            "object readable",
            "download throughput",
            "no slow reverse proxy");
        return results;
      }
      ok = add(throughput(store));
      if (ok) {
        add(proxy());
      } else {
        skipRest("no slow reverse proxy");
      }
    }
    return results;
  }

  private boolean add(DoctorCheck check) {
    results.add(check);
    return check.status() == DoctorCheck.Status.PASS;
  }

  private void skipRest(String... names) {
    for (String name : names) {
      if (name != null && results.stream().noneMatch(r -> r.name().equals(name))) {
        results.add(DoctorCheck.skip(name, "not checked: an earlier check failed"));
      }
    }
  }

  private String host() {
    URI e = settings.endpoint();
    return e != null ? e.getHost() : "s3." + settings.region() + ".amazonaws.com";
  }

  private int port() {
    URI e = settings.endpoint();
    if (e != null && e.getPort() != -1) {
      return e.getPort();
    }
    return e == null || "https".equalsIgnoreCase(e.getScheme()) ? 443 : 80;
  }

  private URI root() {
    URI e = settings.endpoint();
    return e != null ? e.resolve("/") : URI.create("https://" + host() + "/");
  }

  private DoctorCheck dns() {
    String name = "DNS resolution";
    try {
      InetAddress[] all = InetAddress.getAllByName(host());
      address = all[0];
      return DoctorCheck.pass(
          name, host() + " is " + Arrays.stream(all).map(InetAddress::getHostAddress).toList());
    } catch (UnknownHostException e) {
      return DoctorCheck.fail(
          name,
          "cannot resolve host " + host(),
          "check the host name in the endpoint (--endpoint, endpoint_url in the profile), DNS or /etc/hosts");
    }
  }

  private DoctorCheck tcp() {
    String name = "TCP connect";
    String where = host() + ":" + port();
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(address, port()), (int) settings.connectTimeout().toMillis());
      return DoctorCheck.pass(name, where + " accepted a connection in " + millis(start) + " ms");
    } catch (ConnectException e) {
      return DoctorCheck.fail(
          name,
          "nothing is listening at " + where + " (" + e.getMessage() + ")",
          "check the port in the endpoint (Garage's S3 API listens on 3900 by default) and that the S3 server runs");
    } catch (SocketTimeoutException e) {
      return DoctorCheck.fail(
          name,
          "no TCP answer from " + where + " within " + settings.connectTimeout().toMillis() + " ms",
          "a firewall or VPN drops the connection, or the host is down; check that "
              + where
              + " is reachable");
    } catch (IOException e) {
      return DoctorCheck.fail(
          name,
          "cannot connect to " + where + ": " + e.getMessage(),
          "check the network path to " + where);
    }
  }

  private DoctorCheck http() {
    String name = "HTTP answer";
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(root()).timeout(settings.socketTimeout()).GET().build();
    try {
      int status = 0;
      // The fastest of three small requests: the round trip without connection set-up.
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        latencyMillis = latencyMillis < 0 ? ms : Math.min(latencyMillis, ms);
        status = response.statusCode();
        remember(response.headers().map());
      }
      return DoctorCheck.pass(
          name,
          root()
              + " answered HTTP "
              + status
              + String.format(Locale.ROOT, " in %.1f ms", latencyMillis)
              + serverHeader());
    } catch (IOException e) {
      return DoctorCheck.fail(
          name,
          root() + " accepts TCP but gave no HTTP answer (" + e.getMessage() + ")",
          "check http:// versus https:// in the endpoint, and that the port is the S3 API's, not another service's");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DoctorCheck.fail(name, "interrupted", "run again");
    }
  }

  private boolean credentialsAndRegion(S3Client client) {
    String credentials = "credentials valid";
    String region = "region matches";
    String key = settings.maskedAccessKeyId();
    try {
      int buckets = client.listBuckets().buckets().size();
      add(
          DoctorCheck.pass(
              credentials,
              "key id "
                  + key
                  + " is known and the secret matches (it sees "
                  + buckets
                  + " bucket(s))"));
    } catch (S3Exception e) {
      String code = S3RegionHints.code(e);
      if (S3RegionHints.isRegionProblem(e, settings.region())) {
        add(
            DoctorCheck.skip(
                credentials,
                "not determined: the server refused the region before looking at the keys"));
        return add(regionFailure(region, e));
      }
      if (code.equals("InvalidAccessKeyId")) {
        add(
            DoctorCheck.fail(
                credentials,
                "the server does not know access key id " + key,
                "check accessKeyId (--access-key-id, aws_access_key_id in the profile) and that the key exists on the server"));
        skipRest(region);
        return false;
      }
      if (code.equals("SignatureDoesNotMatch")) {
        add(
            DoctorCheck.fail(
                credentials,
                "the secret access key does not match key id " + key,
                "fix the secret (--secret-access-key-file, aws_secret_access_key in the profile, AWS_SECRET_ACCESS_KEY)"));
        skipRest(region);
        return false;
      }
      if (e.statusCode() != 403) {
        add(
            DoctorCheck.fail(
                credentials,
                "listing buckets failed with HTTP " + e.statusCode() + " " + code,
                "check the endpoint is an S3 API and the key is valid"));
        skipRest(region);
        return false;
      }
      // 403 AccessDenied: the key is known but may not list buckets; the bucket check decides.
      add(
          DoctorCheck.pass(
              credentials,
              "key id " + key + " is known (it may not list buckets: HTTP 403 " + code + ")"));
    } catch (RuntimeException e) {
      add(
          DoctorCheck.fail(
              credentials,
              "listing buckets failed: " + Main.message(e),
              "run again; check the server's logs"));
      skipRest(region);
      return false;
    }
    try {
      var head = client.headBucket(b -> b.bucket(settings.bucket()));
      Optional<String> bucketRegion =
          head.sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (bucketRegion.isPresent() && !bucketRegion.get().equals(settings.region())) {
        return add(
            DoctorCheck.fail(
                region,
                "bucket '"
                    + settings.bucket()
                    + "' is in region '"
                    + bucketRegion.get()
                    + "', requests are signed for '"
                    + settings.region()
                    + "'",
                "set --region "
                    + bucketRegion.get()
                    + " (region="
                    + bucketRegion.get()
                    + " in the URL or the profile)"));
      }
      return add(
          DoctorCheck.pass(
              region, "the server accepts requests signed for region '" + settings.region() + "'"));
    } catch (S3Exception e) {
      if (S3RegionHints.isRegionProblem(e, settings.region())) {
        return add(regionFailure(region, e));
      }
      // Not a region matter (a missing bucket, say): the bucket check reports it.
      return add(
          DoctorCheck.pass(
              region, "the server accepts requests signed for region '" + settings.region() + "'"));
    }
  }

  private DoctorCheck regionFailure(String name, S3Exception e) {
    Optional<String> expected = S3RegionHints.expectedRegion(e, settings.region());
    return DoctorCheck.fail(
        name,
        "the server rejected region '"
            + settings.region()
            + "' (HTTP "
            + e.statusCode()
            + " "
            + S3RegionHints.code(e)
            + ")"
            + expected.map(r -> "; it expects '" + r + "'").orElse(""),
        expected
            .map(
                r ->
                    "set --region "
                        + r
                        + " (region="
                        + r
                        + " in the URL, region = "
                        + r
                        + " in the profile)")
            .orElse("set --region to the server's region (Garage: s3_region in garage.toml)"));
  }

  private DoctorCheck bucket(S3ObjectStore store) {
    String name = "bucket listable";
    try {
      store.check();
      return DoctorCheck.pass(name, "listed " + store.location());
    } catch (StorageException e) {
      return DoctorCheck.fail(name, e.getMessage(), "see above");
    }
  }

  private DoctorCheck readable(S3ObjectStore store, S3Client client) {
    String name = "object readable";
    try {
      if (sampleKey != null) {
        sample = store.head(sampleKey);
      } else {
        sample =
            store.list("").stream().max(Comparator.comparingLong(ObjectInfo::size)).orElse(null);
        if (sample == null) {
          return DoctorCheck.fail(
              name,
              store.location() + " holds no objects",
              "upload a CSV or Parquet file, or fix --prefix");
        }
      }
      int n = (int) Math.min(READ_CHECK_BYTES, sample.size());
      try (ObjectInput input = store.open(sample, new IoStats())) {
        input.readFully(0, new byte[n]);
      }
      try {
        remember(
            client
                .headObject(b -> b.bucket(settings.bucket()).key(settings.prefix() + sample.key()))
                .sdkHttpResponse()
                .headers());
      } catch (RuntimeException e) {
        // headers are only a hint for the proxy check
      }
      return DoctorCheck.pass(
          name, "read " + n + " bytes of '" + sample.key() + "' (" + sample.size() + " bytes)");
    } catch (StorageException e) {
      return DoctorCheck.fail(
          name, e.getMessage(), "check the key's read permission on the bucket");
    }
  }

  private DoctorCheck throughput(S3ObjectStore store) {
    String name = "download throughput";
    long n = Math.min(sampleBytes, sample.size());
    if (n < MIN_SAMPLE_BYTES) {
      return DoctorCheck.skip(
          name,
          "'"
              + sample.key()
              + "' has only "
              + sample.size()
              + " bytes, too few to measure;"
              + " name an object of 8 MB or more with --sample-key");
    }
    long start = System.nanoTime();
    try (ObjectInput input = store.open(sample, new IoStats());
        InputStream in = input.openStream(0, n)) {
      byte[] buffer = new byte[1 << 20];
      long read = 0;
      int k;
      while ((k = in.read(buffer)) >= 0) {
        read += k;
      }
      double seconds = Math.max(1e-6, (System.nanoTime() - start) / 1e9);
      measuredMbps = read / 1e6 / seconds;
    } catch (IOException | StorageException e) {
      return DoctorCheck.fail(
          name,
          "reading '" + sample.key() + "' failed: " + Main.message(e),
          "run again; check the network");
    }
    String detail =
        String.format(
            Locale.ROOT,
            "%.1f MB/s over %,d bytes of '%s' (pass at %.0f MB/s)",
            measuredMbps,
            n,
            sample.key(),
            minMbps);
    return measuredMbps >= minMbps
        ? DoctorCheck.pass(name, detail)
        : DoctorCheck.fail(
            name,
            detail,
            "queries will be slow: look at the network path (VPN, Wi-Fi, a proxy;"
                + " see the next check) or point --endpoint at the S3 server directly");
  }

  /**
   * The slow-reverse-proxy heuristic: headers that name a proxy ({@code Via}, {@code
   * X-Forwarded-*}, {@code X-Cache}, or a {@code Server} such as nginx), together with a download
   * rate below {@value #FAST_MBPS} MB/s, fail; anything else passes with the figures.
   */
  private DoctorCheck proxy() {
    String name = "no slow reverse proxy";
    List<String> signs = new ArrayList<>();
    headersSeen.forEach(
        (header, value) -> {
          String h = header.toLowerCase(Locale.ROOT);
          String v = value.toLowerCase(Locale.ROOT);
          if (h.equals("via")
              || h.startsWith("x-forwarded")
              || h.equals("x-cache")
              || h.equals("x-served-by")) {
            signs.add(display(header) + ": " + value);
          } else if (h.equals("server") && PROXY_NAMES.stream().anyMatch(v::contains)) {
            signs.add(display(header) + ": " + value);
          }
        });
    String figures =
        String.format(
            Locale.ROOT, "%.1f MB/s download, %.1f ms round trip", measuredMbps, latencyMillis);
    if (!signs.isEmpty() && measuredMbps < FAST_MBPS) {
      return DoctorCheck.fail(
          name,
          "answers come through a reverse proxy (" + String.join(", ", signs) + ") at " + figures,
          "a Garage node serves 500+ MB/s directly: point --endpoint at the node's S3 port (e.g. http://HOST:3900)"
              + " instead of the proxy, or lift the proxy's buffering and rate limits");
    }
    String seen = signs.isEmpty() ? "no proxy headers" : "proxy headers " + signs + " but fast";
    return DoctorCheck.pass(name, figures + "; " + seen + serverHeader());
  }

  private void remember(Map<String, List<String>> headers) {
    headers.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            headersSeen.put(k.toLowerCase(Locale.ROOT), String.join(", ", v));
          }
        });
  }

  private String serverHeader() {
    String server = headersSeen.get("server");
    return server == null ? "" : " (Server: " + server + ")";
  }

  /** {@code x-forwarded-for} as {@code X-Forwarded-For}. */
  private static String display(String header) {
    StringBuilder s = new StringBuilder(header.length());
    boolean upper = true;
    for (char c : header.toCharArray()) {
      s.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return s.toString();
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
