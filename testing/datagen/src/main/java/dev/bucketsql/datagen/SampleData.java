package dev.bucketsql.datagen;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.demo.s3.LocalS3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Generates the sample data set and uploads it to S3.
 *
 * <p>{@link #generate} writes nine files named as the Food.com files are (see the key constants)
 * and returns a {@link SampleManifest} with the generator's own counts. The same {@link SampleSpec}
 * always yields byte-identical files.
 */
public final class SampleData {
  /** Key of the raw recipes CSV. */
  public static final String RAW_RECIPES = "RAW_recipes.csv";

  /** Key of the raw reviews CSV, whose reviews contain commas, quotes and line breaks. */
  public static final String RAW_INTERACTIONS = "RAW_interactions.csv";

  /** Key of the preprocessed recipes CSV. */
  public static final String PP_RECIPES = "PP_recipes.csv";

  /** Key of the preprocessed users CSV. */
  public static final String PP_USERS = "PP_users.csv";

  /** Key of the training split CSV. */
  public static final String INTERACTIONS_TRAIN = "interactions_train.csv";

  /** Key of the test split CSV. */
  public static final String INTERACTIONS_TEST = "interactions_test.csv";

  /** Key of the validation split CSV. */
  public static final String INTERACTIONS_VALIDATION = "interactions_validation.csv";

  /** Key of the cleaned recipes Parquet file, sorted by submission date. */
  public static final String RAW_RECIPES_PARQUET = "RAW_recipes_clean.parquet";

  /** Key of the cleaned reviews Parquet file, sorted by review date. */
  public static final String RAW_INTERACTIONS_PARQUET = "RAW_interactions_clean.parquet";

  private static final Logger LOG = LoggerFactory.getLogger(SampleData.class);

  private SampleData() {}

  /**
   * Writes every file of the data set for {@code spec} into {@code directory} (created if absent;
   * files of the same names are replaced).
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static SampleManifest generate(SampleSpec spec, Path directory) {
    requireNonNull(spec, "spec is null");
    requireNonNull(directory, "directory is null");
    long start = System.nanoTime();
    try {
      Files.createDirectories(directory);
      SampleModel model = new SampleModel(spec);
      Tally tally = new Tally();
      RawCsvWriter raw = new RawCsvWriter(model, tally);
      raw.writeRecipes(directory.resolve(RAW_RECIPES));
      raw.writeInteractions(directory.resolve(RAW_INTERACTIONS));
      PreprocessedCsvWriter pp = new PreprocessedCsvWriter(model, tally);
      pp.writeRecipes(directory.resolve(PP_RECIPES));
      pp.writeUsersAndSplits(
          directory.resolve(PP_USERS),
          directory.resolve(INTERACTIONS_TRAIN),
          directory.resolve(INTERACTIONS_TEST),
          directory.resolve(INTERACTIONS_VALIDATION));
      CleanParquetWriter parquet = new CleanParquetWriter(model, tally);
      int recipeGroups = parquet.writeRecipes(directory.resolve(RAW_RECIPES_PARQUET));
      int interactionGroups =
          parquet.writeInteractions(directory.resolve(RAW_INTERACTIONS_PARQUET));

      SampleCounts counts = tally.toCounts();
      List<SampleFile> files = new ArrayList<>();
      for (String key :
          List.of(
              RAW_RECIPES,
              RAW_INTERACTIONS,
              PP_RECIPES,
              PP_USERS,
              INTERACTIONS_TRAIN,
              INTERACTIONS_TEST,
              INTERACTIONS_VALIDATION)) {
        Path path = directory.resolve(key);
        files.add(
            new SampleFile(
                key, path, Files.size(path), counts.rows(key), CsvFiles.countLines(path), 0));
      }
      files.add(parquetFile(directory, RAW_RECIPES_PARQUET, counts, recipeGroups));
      files.add(parquetFile(directory, RAW_INTERACTIONS_PARQUET, counts, interactionGroups));
      SampleManifest manifest = new SampleManifest(spec, directory, files, counts);
      LOG.info(
          "generated {} recipes and {} interactions (seed {}) into {} in {} ms",
          spec.recipes(),
          spec.interactions(),
          spec.seed(),
          directory,
          (System.nanoTime() - start) / 1_000_000);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sample data into " + directory, e);
    }
  }

  /**
   * Puts every file of {@code manifest} into {@code bucket} under its key, creating the bucket if
   * it does not exist. The client must be configured for the server (for S3-compatible servers:
   * path-style access, checksums only when required).
   *
   * @throws IllegalStateException naming the bucket, and the file and key if an upload fails
   */
  public static void upload(SampleManifest manifest, S3Client client, String bucket) {
    requireNonNull(manifest, "manifest is null");
    requireNonNull(client, "client is null");
    requireNonNull(bucket, "bucket is null");
    try {
      ensureBucket(client, bucket);
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot find or create bucket "
              + bucket
              + "; check the endpoint, region and credentials of the S3 client",
          e);
    }
    for (SampleFile file : manifest.files()) {
      try {
        client.putObject(b -> b.bucket(bucket).key(file.key()), RequestBody.fromFile(file.path()));
      } catch (SdkException e) {
        // The SDK's message names neither the object nor the file; say which upload failed.
        throw new IllegalStateException(
            "cannot upload "
                + file.path()
                + " to bucket "
                + bucket
                + " as "
                + file.key()
                + "; check that the bucket is writable with these credentials",
            e);
      }
      LOG.debug("uploaded {} ({} bytes) to bucket {}", file.key(), file.size(), bucket);
    }
    LOG.info("uploaded {} files to bucket {}", manifest.files().size(), bucket);
  }

  /** {@link #upload(SampleManifest, S3Client, String)} to the test server {@code server}. */
  public static void upload(SampleManifest manifest, LocalS3Server server, String bucket) {
    requireNonNull(server, "server is null");
    try (S3Client client = server.newClient()) {
      upload(manifest, client, bucket);
    }
  }

  /**
   * Generates {@code spec} into {@code directory} and uploads the files to {@code bucket} on {@code
   * server}; the files stay in {@code directory}.
   */
  public static SampleManifest generateAndUpload(
      SampleSpec spec, Path directory, LocalS3Server server, String bucket) {
    SampleManifest manifest = generate(spec, directory);
    upload(manifest, server, bucket);
    return manifest;
  }

  private static void ensureBucket(S3Client client, String bucket) {
    try {
      client.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      LOG.info("creating bucket {}", bucket);
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  private static SampleFile parquetFile(
      Path directory, String key, SampleCounts counts, int rowGroups) throws IOException {
    Path path = directory.resolve(key);
    return new SampleFile(key, path, Files.size(path), counts.rows(key), 0, rowGroups);
  }
}
