package dev.bucketsql.format.predicate;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A conjunction of per-column {@link Domain}s, by column index in the file's schema: what a row
 * must satisfy to pass the filter pushed into a scan. Columns without a domain are unrestricted. It
 * is a superset of the SQL filter (a disjunction over several columns keeps only what each column
 * allows), so the filter still runs above the scan; formats use it only to skip data that cannot
 * match.
 */
public final class ScanPredicate {
  private static final ScanPredicate ALL = new ScanPredicate(Map.of(), false);
  private static final ScanPredicate NONE = new ScanPredicate(Map.of(), true);

  private final Map<Integer, Domain> domains;
  private final boolean none;

  private ScanPredicate(Map<Integer, Domain> domains, boolean none) {
    this.domains = domains;
    this.none = none;
  }

  /** No restriction. */
  public static ScanPredicate all() {
    return ALL;
  }

  /** No row passes. */
  public static ScanPredicate none() {
    return NONE;
  }

  /** Rows whose column {@code column} lies in {@code domain}. */
  public static ScanPredicate of(int column, Domain domain) {
    return of(Map.of(column, requireNonNull(domain, "domain is null")));
  }

  /** The conjunction of {@code domains}, by column index. */
  public static ScanPredicate of(Map<Integer, Domain> domains) {
    Map<Integer, Domain> kept = new TreeMap<>();
    for (Map.Entry<Integer, Domain> e : requireNonNull(domains, "domains is null").entrySet()) {
      if (e.getValue().isNone()) {
        return NONE;
      }
      if (!e.getValue().isAll()) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    return kept.isEmpty() ? ALL : new ScanPredicate(Collections.unmodifiableMap(kept), false);
  }

  /** Whether nothing is restricted. */
  public boolean isAll() {
    return !none && domains.isEmpty();
  }

  /** Whether no row can pass. */
  public boolean isNone() {
    return none;
  }

  /** The restricted columns and their domains, by column index; empty when none passes. */
  public Map<Integer, Domain> domains() {
    return domains;
  }

  /** The domain of column {@code column}, if restricted. */
  public Optional<Domain> domain(int column) {
    return Optional.ofNullable(domains.get(column));
  }

  /** Rows passing both predicates ({@code AND}). */
  public ScanPredicate intersect(ScanPredicate other) {
    if (none || other.none) {
      return NONE;
    }
    Map<Integer, Domain> result = new TreeMap<>(domains);
    other.domains.forEach((column, domain) -> result.merge(column, domain, Domain::intersect));
    return of(result);
  }

  /**
   * Rows passing either predicate ({@code OR}), widened to what can be said column by column: only
   * columns restricted in both stay restricted, to the union of their domains.
   */
  public ScanPredicate columnWiseUnion(ScanPredicate other) {
    if (none) {
      return other;
    }
    if (other.none) {
      return this;
    }
    Map<Integer, Domain> result = new TreeMap<>();
    domains.forEach(
        (column, domain) -> {
          Domain o = other.domains.get(column);
          if (o != null) {
            result.put(column, domain.union(o));
          }
        });
    return of(result);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanPredicate p && p.none == none && p.domains.equals(domains);
  }

  @Override
  public int hashCode() {
    return domains.hashCode() + (none ? 1 : 0);
  }

  @Override
  public String toString() {
    if (none) {
      return "NONE";
    }
    return domains.isEmpty() ? "ALL" : domains.toString();
  }
}
