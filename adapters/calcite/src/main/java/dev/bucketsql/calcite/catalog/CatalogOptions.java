package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a catalog lists and caches.
 *
 * @param listingTtl how long a listing is reused before the next statement lists again; zero lists
 *     on every statement
 * @param readerScope a fingerprint of the reader options that change inferred schemas (for example
 *     the CSV settings of a connection); schemas cached under another scope are not reused
 */
public record CatalogOptions(Duration listingTtl, String readerScope) {
  /** The listing TTL used when none is configured: five minutes. */
  public static final Duration DEFAULT_LISTING_TTL = Duration.ofMinutes(5);

  /** Checks the arguments. */
  public CatalogOptions {
    requireNonNull(listingTtl, "listingTtl is null");
    requireNonNull(readerScope, "readerScope is null");
    if (listingTtl.isNegative()) {
      throw new IllegalArgumentException("listingTtl is negative: " + listingTtl);
    }
  }

  /** Default TTL, default reader options. */
  public static CatalogOptions defaults() {
    return new CatalogOptions(DEFAULT_LISTING_TTL, "");
  }
}
