package dev.bucketsql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed-seed fuzzing run in every build: each generated query through BucketSQL (pushdown and
 * fused operators on and off) and DuckDB; any difference not in {@link KnownDifferences} fails the
 * build with its minimal reproducing query.
 */
@ExtendWith(S3ServerExtension.class)
class FixedSeedFuzzTest {
  /**
   * Chosen so that the run takes two to three minutes on two cores: about 0.09 s a query, three
   * BucketSQL runs (each a new plan) and one DuckDB run.
   */
  static final int QUERIES = Integer.getInteger("bucketsql.fuzz.queries", 1200);

  static final long SEED = Long.getLong("bucketsql.fuzz.seed", 20261205L);

  @Test
  void findsNoDifferenceBeyondTheKnownOnes(S3TestServer server, @TempDir Path dir)
      throws Exception {
    FuzzData data = FuzzData.create(server, dir);
    FuzzCampaign.Result result = FuzzCampaign.run(data, SEED, QUERIES, 1, System.out);
    System.out.print(FuzzCampaign.summary(result));
    assertThat(result.unknown())
        .as(
            "differences from DuckDB not listed in KnownDifferences:%n%s",
            String.join("\n", result.reports()))
        .isEmpty();
    // the generator must mostly make queries both engines answer, or the run tests little
    assertThat(result.bothAnswered()).isGreaterThan(QUERIES / 2);
    assertThat(result.queries()).isEqualTo(QUERIES);
  }
}
