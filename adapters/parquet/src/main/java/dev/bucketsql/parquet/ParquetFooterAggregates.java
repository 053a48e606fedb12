package dev.bucketsql.parquet;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FileSummary.MinMax;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * MIN and MAX of a column from the footer's row-group statistics, when they are exact.
 *
 * <p>Only signed integer, DATE and INT64 TIMESTAMP columns qualify: their statistics are the true
 * extremes in SQL order. Strings may be truncated or compared in another order by some writers,
 * floating-point statistics are unclear about NaN and -0.0, and INT96 has no defined order. Every
 * row group must carry statistics with a null count; one without them makes the answer unknown.
 */
final class ParquetFooterAggregates {
  private ParquetFooterAggregates() {}

  static Optional<MinMax> minMax(ParquetFooter footer, int index) {
    if (index < 0 || index >= footer.mapping().size()) {
      return Optional.empty();
    }
    MappedColumn column = footer.mapping().column(index);
    if (column.unsupported() != null || column.isNested() || !column.field().isPrimitive()) {
      return Optional.empty();
    }
    PrimitiveType type = column.field().asPrimitiveType();
    long perMilli = exactKind(type, column.column().type());
    if (perMilli == 0) {
      return Optional.empty();
    }
    ColumnPath path = ColumnPath.get(type.getName());
    Comparable<?> min = null;
    Comparable<?> max = null;
    for (BlockMetaData block : footer.metadata().getBlocks()) {
      ColumnChunkMetaData chunk = chunk(block, path);
      if (chunk == null) {
        return Optional.empty();
      }
      Statistics<?> stats = chunk.getStatistics();
      if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) {
        return Optional.empty();
      }
      if (!stats.hasNonNullValue()) {
        if (stats.getNumNulls() != block.getRowCount()) {
          return Optional.empty();
        }
        continue;
      }
      Comparable<?> lo = convert(stats.genericGetMin(), column.column().type(), perMilli);
      Comparable<?> hi = convert(stats.genericGetMax(), column.column().type(), perMilli);
      min = min == null || compare(lo, min) < 0 ? lo : min;
      max = max == null || compare(hi, max) > 0 ? hi : max;
    }
    return Optional.of(new MinMax(min, max));
  }

  /** 1 for plain signed integers and DATE, the units per millisecond for timestamps, else 0. */
  private static long exactKind(PrimitiveType type, ColumnType sql) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        if (sql == ColumnType.DATE
            || logical == null
            || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
          return 1;
        }
        return 0;
      case INT64:
        if (logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
          return 1;
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
          return switch (t.getUnit()) {
            case MILLIS -> 1;
            case MICROS -> 1_000;
            case NANOS -> 1_000_000;
          };
        }
        return 0;
      default:
        return 0;
    }
  }

  private static Comparable<?> convert(Object raw, ColumnType type, long perMilli) {
    Number n = (Number) raw;
    return switch (type) {
      case TINYINT -> n.byteValue();
      case SMALLINT -> n.shortValue();
      case INTEGER, DATE -> n.intValue();
      case TIMESTAMP -> Math.floorDiv(n.longValue(), perMilli);
      default -> n.longValue();
    };
  }

  private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnPath path) {
    for (ColumnChunkMetaData c : block.getColumns()) {
      if (c.getPath().equals(path)) {
        return c;
      }
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable a, Comparable b) {
    return a.compareTo(b);
  }
}
