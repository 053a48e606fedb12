package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.IoStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one scan of a data file should produce.
 *
 * @param projection indexes of the file's columns to produce, in output order; an empty array
 *     produces rows with no values, which is all {@code COUNT(*)} needs
 * @param stats where the scan's requests and bytes are counted
 * @param predicate what rows must satisfy, by column index in the file's schema; the scan may skip
 *     data that cannot match it (and may still return rows that do not match)
 * @param attachments what belongs to the reader of this scan rather than to the file, looked up by
 *     type (a connection's CSV reject log): data files are shared by every connection of a catalog,
 *     so what is per connection travels with the scan
 */
public record ScanSpec(
    int[] projection, IoStats stats, ScanPredicate predicate, List<Object> attachments) {
  /** Copies the projection and the attachments. */
  public ScanSpec {
    projection = requireNonNull(projection, "projection is null").clone();
    requireNonNull(stats, "stats is null");
    requireNonNull(predicate, "predicate is null");
    attachments = List.copyOf(requireNonNull(attachments, "attachments is null"));
  }

  /** A scan with no attachments. */
  public ScanSpec(int[] projection, IoStats stats, ScanPredicate predicate) {
    this(projection, stats, predicate, List.of());
  }

  /** A scan with no predicate. */
  public ScanSpec(int[] projection, IoStats stats) {
    this(projection, stats, ScanPredicate.all());
  }

  /** This scan restricted to {@code newPredicate}. */
  public ScanSpec withPredicate(ScanPredicate newPredicate) {
    return new ScanSpec(projection, stats, newPredicate, attachments);
  }

  /** This scan with {@code attachment} added; it comes before any earlier one of its type. */
  public ScanSpec with(Object attachment) {
    List<Object> more = new ArrayList<>(attachments.size() + 1);
    more.add(requireNonNull(attachment, "attachment is null"));
    more.addAll(attachments);
    return new ScanSpec(projection, stats, predicate, more);
  }

  /** The first attachment that is a {@code type}. */
  public <T> Optional<T> attachment(Class<T> type) {
    for (Object a : attachments) {
      if (type.isInstance(a)) {
        return Optional.of(type.cast(a));
      }
    }
    return Optional.empty();
  }

  /** Every attachment that is a {@code type}, in order. */
  public <T> List<T> attachmentsOf(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Object a : attachments) {
      if (type.isInstance(a)) {
        found.add(type.cast(a));
      }
    }
    return found;
  }

  /** This scan without the attachments that are a {@code type}. */
  public ScanSpec without(Class<?> type) {
    List<Object> kept = new ArrayList<>();
    for (Object a : attachments) {
      if (!type.isInstance(a)) {
        kept.add(a);
      }
    }
    return kept.size() == attachments.size()
        ? this
        : new ScanSpec(projection, stats, predicate, kept);
  }

  /** A scan of every column of {@code schema}. */
  public static ScanSpec allColumns(TableSchema schema, IoStats stats) {
    int[] all = new int[schema.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new ScanSpec(all, stats);
  }

  @Override
  public int[] projection() {
    return projection.clone();
  }
}
