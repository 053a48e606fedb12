package dev.bucketsql.parquet;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.parquet.ParquetSchemaMapping.MappedColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps one top-level Parquet field to a SQL column and a converter into {@link ColumnType}'s value
 * representation. The table is in docs/parquet.md; legacy converted types (UTF8, TIMESTAMP_MILLIS,
 * ...) arrive here already translated to logical types by parquet-java.
 */
final class ParquetTypeMapper {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** Julian day number of 1970-01-01, the epoch INT96 timestamps count from. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private ParquetTypeMapper() {}

  static MappedColumn map(Type field) {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return ParquetNestedTypes.map(field);
    }
    return primitive(field.asPrimitiveType());
  }

  /**
   * Maps a primitive field by its type alone; its nullability follows its repetition (a repeated
   * field's values are read one at a time, as parts of a nested column).
   */
  static MappedColumn primitive(PrimitiveType primitive) {
    Type field = primitive;
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    switch (primitive.getPrimitiveTypeName()) {
      case BOOLEAN:
        return MappedColumn.supported(field, ColumnType.BOOLEAN, r -> r.getBoolean());
      case INT32:
        return int32(field, logical);
      case INT64:
        return int64(field, logical);
      case INT96:
        return MappedColumn.supported(field, ColumnType.TIMESTAMP, r -> int96Millis(r.getBinary()));
      case FLOAT:
        return plainOnly(field, logical, ColumnType.REAL, r -> r.getFloat());
      case DOUBLE:
        return plainOnly(field, logical, ColumnType.DOUBLE, r -> r.getDouble());
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return binary(field, primitive, logical);
      default:
        return MappedColumn.unsupported(
            field, "physical type " + primitive.getPrimitiveTypeName() + " is not supported");
    }
  }

  private static MappedColumn int32(Type field, LogicalTypeAnnotation logical) {
    if (logical == null) {
      return MappedColumn.supported(field, ColumnType.INTEGER, r -> r.getInteger());
    }
    if (logical instanceof IntLogicalTypeAnnotation) {
      IntLogicalTypeAnnotation i = (IntLogicalTypeAnnotation) logical;
      if (i.isSigned()) {
        switch (i.getBitWidth()) {
          case 8:
            return MappedColumn.supported(field, ColumnType.TINYINT, r -> (byte) r.getInteger());
          case 16:
            return MappedColumn.supported(field, ColumnType.SMALLINT, r -> (short) r.getInteger());
          default:
            return MappedColumn.supported(field, ColumnType.INTEGER, r -> r.getInteger());
        }
      }
      // Unsigned values go to the next wider signed type, where every value fits.
      switch (i.getBitWidth()) {
        case 8:
          return MappedColumn.supported(
              field, ColumnType.SMALLINT, r -> (short) (r.getInteger() & 0xFF));
        case 16:
          return MappedColumn.supported(field, ColumnType.INTEGER, r -> r.getInteger() & 0xFFFF);
        default:
          return MappedColumn.supported(
              field, ColumnType.BIGINT, r -> Integer.toUnsignedLong(r.getInteger()));
      }
    }
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      DecimalLogicalTypeAnnotation d = (DecimalLogicalTypeAnnotation) logical;
      int scale = d.getScale();
      return MappedColumn.supported(
          field,
          ColumnType.DECIMAL,
          d.getPrecision(),
          scale,
          r -> BigDecimal.valueOf(r.getInteger(), scale));
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return MappedColumn.supported(field, ColumnType.DATE, r -> r.getInteger());
    }
    if (logical instanceof TimeLogicalTypeAnnotation
        && ((TimeLogicalTypeAnnotation) logical).getUnit() == TimeUnit.MILLIS) {
      return MappedColumn.supported(field, ColumnType.TIME, r -> r.getInteger());
    }
    return unsupportedAnnotation(field, logical);
  }

  private static MappedColumn int64(Type field, LogicalTypeAnnotation logical) {
    if (logical == null) {
      return MappedColumn.supported(field, ColumnType.BIGINT, r -> r.getLong());
    }
    if (logical instanceof IntLogicalTypeAnnotation) {
      IntLogicalTypeAnnotation i = (IntLogicalTypeAnnotation) logical;
      if (i.isSigned() || i.getBitWidth() < 64) {
        // Narrower widths on INT64 are legal but odd; every value still fits a BIGINT.
        return MappedColumn.supported(field, ColumnType.BIGINT, r -> r.getLong());
      }
      // UINT64 does not fit BIGINT; DECIMAL(20, 0) holds every value exactly.
      return MappedColumn.supported(
          field, ColumnType.DECIMAL, 20, 0, r -> unsignedDecimal(r.getLong()));
    }
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      DecimalLogicalTypeAnnotation d = (DecimalLogicalTypeAnnotation) logical;
      int scale = d.getScale();
      return MappedColumn.supported(
          field,
          ColumnType.DECIMAL,
          d.getPrecision(),
          scale,
          r -> BigDecimal.valueOf(r.getLong(), scale));
    }
    if (logical instanceof TimestampLogicalTypeAnnotation) {
      // UTC-adjusted instants and local date-times alike become millis since the epoch,
      // the former shown in UTC. Sub-millisecond digits go: SQL TIMESTAMP here is TIMESTAMP(3).
      long perMilli = perMilli(((TimestampLogicalTypeAnnotation) logical).getUnit());
      return MappedColumn.supported(
          field, ColumnType.TIMESTAMP, r -> Math.floorDiv(r.getLong(), perMilli));
    }
    if (logical instanceof TimeLogicalTypeAnnotation) {
      long perMilli = perMilli(((TimeLogicalTypeAnnotation) logical).getUnit());
      return MappedColumn.supported(
          field, ColumnType.TIME, r -> (int) Math.floorDiv(r.getLong(), perMilli));
    }
    return unsupportedAnnotation(field, logical);
  }

  private static MappedColumn binary(
      Type field, PrimitiveType primitive, LogicalTypeAnnotation logical) {
    if (logical == null || logical instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
      return MappedColumn.supported(field, ColumnType.VARBINARY, r -> bytes(r.getBinary()));
    }
    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return MappedColumn.supported(field, ColumnType.VARCHAR, ParquetUtf8.READER);
    }
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      DecimalLogicalTypeAnnotation d = (DecimalLogicalTypeAnnotation) logical;
      int scale = d.getScale();
      return MappedColumn.supported(
          field,
          ColumnType.DECIMAL,
          d.getPrecision(),
          scale,
          r -> new BigDecimal(new BigInteger(r.getBinary().getBytesUnsafe()), scale));
    }
    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
        && primitive.getTypeLength() == 16) {
      return MappedColumn.supported(field, ColumnType.VARCHAR, r -> uuid(r.getBinary()));
    }
    return unsupportedAnnotation(field, logical);
  }

  private static MappedColumn plainOnly(
      Type field, LogicalTypeAnnotation logical, ColumnType type, ParquetValueReader reader) {
    return logical == null
        ? MappedColumn.supported(field, type, reader)
        : unsupportedAnnotation(field, logical);
  }

  private static MappedColumn unsupportedAnnotation(Type field, LogicalTypeAnnotation logical) {
    return MappedColumn.unsupported(
        field,
        "type "
            + field.asPrimitiveType().getPrimitiveTypeName()
            + " annotated "
            + logical
            + " is not supported yet");
  }

  private static long perMilli(TimeUnit unit) {
    switch (unit) {
      case MILLIS:
        return 1;
      case MICROS:
        return 1_000;
      default:
        return 1_000_000;
    }
  }

  private static BigDecimal unsignedDecimal(long value) {
    return value >= 0
        ? BigDecimal.valueOf(value)
        : new BigDecimal(new BigInteger(Long.toUnsignedString(value)));
  }

  /** A copy: dictionary pages share their bytes between rows, and callers own row values. */
  private static byte[] bytes(Binary binary) {
    return binary.getBytesUnsafe().clone();
  }

  private static String uuid(Binary binary) {
    ByteBuffer b = binary.toByteBuffer();
    return new UUID(b.getLong(b.position()), b.getLong(b.position() + 8)).toString();
  }

  /** INT96: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
  static long int96Millis(Binary binary) {
    ByteBuffer b = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() != 12) {
      throw new IllegalArgumentException(
          "an INT96 value has " + b.remaining() + " bytes instead of 12");
    }
    long nanosOfDay = b.getLong(b.position());
    long julianDay = Integer.toUnsignedLong(b.getInt(b.position() + 8));
    return (julianDay - JULIAN_EPOCH_DAY) * MILLIS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000_000L);
  }
}
