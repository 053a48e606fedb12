package dev.bucketsql.calcite.rel;

import org.apache.calcite.rel.type.RelDataType;

/**
 * An aggregate function that keeps the value of its first argument a row and nothing of its other
 * arguments (a fraction, constant in every row), such as the quantiles. {@link BucketGroupGuard}
 * charges its calls what they keep rather than a boxed value per argument.
 */
public interface ValueKeepingAggregate {
  /**
   * Whether values of {@code type} are kept as one slot of a primitive array each (a {@code long}
   * or {@code double}), rather than as references to objects.
   */
  boolean keepsPrimitive(RelDataType type);
}
