package dev.bucketsql.calcite.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The listing is kept for its TTL or until refresh; schemas are cached per object version. */
@ExtendWith(S3ServerExtension.class)
class CatalogCachingTest {
  @Test
  void listingIsReusedUntilRefresh(S3TestServer server) {
    CatalogTestBucket.ensure(server);
    try (S3ObjectStore store = CatalogTestBucket.store(server)) {
      BucketCatalog catalog = CatalogTestBucket.catalog(store, Duration.ofHours(1));
      CatalogSnapshot first = catalog.snapshot();
      assertThat(catalog.snapshot()).isSameAs(first);
      assertThat(store.stats().listRequests()).isEqualTo(1);
      catalog.refresh();
      assertThat(catalog.snapshot()).isNotSameAs(first);
      assertThat(store.stats().listRequests()).isEqualTo(2);
    }
  }

  @Test
  void zeroTtlListsEveryTime(S3TestServer server) {
    CatalogTestBucket.ensure(server);
    try (S3ObjectStore store = CatalogTestBucket.store(server)) {
      BucketCatalog catalog = CatalogTestBucket.catalog(store, Duration.ZERO);
      catalog.snapshot();
      catalog.snapshot();
      assertThat(store.stats().listRequests()).isEqualTo(2);
    }
  }

  @Test
  void secondCatalogReusesInferredSchemasWithoutRequests(S3TestServer server) {
    CatalogTestBucket.ensure(server);
    try (S3ObjectStore one = CatalogTestBucket.store(server);
        S3ObjectStore two = CatalogTestBucket.store(server)) {
      CatalogTestBucket.catalog(one, Duration.ofHours(1))
          .snapshot()
          .schemas()
          .get("")
          .tables()
          .get("ratings")
          .file()
          .schema();
      IoStats.Snapshot before = two.stats().snapshot();
      var schema =
          CatalogTestBucket.catalog(two, Duration.ofHours(1))
              .snapshot()
              .schemas()
              .get("")
              .tables()
              .get("ratings")
              .file()
              .schema();
      assertThat(schema.size()).isEqualTo(3);
      IoStats.Snapshot cost = two.stats().snapshot().minus(before);
      assertThat(cost.listRequests()).isEqualTo(1);
      assertThat(cost.headRequests() + cost.getRequests()).isZero();
    }
  }

  @Test
  void rewrittenObjectIsInferredAgain(S3TestServer server) {
    server.createBucket("catalog-rewrite");
    server.putObject("catalog-rewrite", "t.csv", "a\n1\n".getBytes());
    var settings =
        dev.bucketsql.storage.config.S3Settings.builder()
            .endpoint(server.endpoint())
            .region(S3TestServer.REGION)
            .bucket("catalog-rewrite")
            .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
            .build();
    try (S3ObjectStore store = S3ObjectStore.create(settings)) {
      BucketCatalog catalog = CatalogTestBucket.catalog(store, Duration.ofHours(1));
      assertThat(
              catalog
                  .snapshot()
                  .schemas()
                  .get("")
                  .tables()
                  .get("t")
                  .file()
                  .schema()
                  .column(0)
                  .name())
          .isEqualTo("a");
      server.putObject("catalog-rewrite", "t.csv", "b,c\nx,2\n".getBytes());
      assertThat(
              catalog
                  .snapshot()
                  .schemas()
                  .get("")
                  .tables()
                  .get("t")
                  .file()
                  .schema()
                  .column(0)
                  .name())
          .as("same listing, same version")
          .isEqualTo("a");
      catalog.refresh();
      assertThat(catalog.snapshot().schemas().get("").tables().get("t").file().schema().size())
          .isEqualTo(2);
    }
  }
}
