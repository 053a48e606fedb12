package dev.bucketsql.server.pg;

import java.sql.Types;
import java.util.Locale;

/**
 * The PostgreSQL types BucketSQL's SQL types are sent as, with their OIDs (and their array types'
 * OIDs) from PostgreSQL's {@code pg_type}.
 */
enum PgType {
  BOOL(16, 1000, "bool", 1),
  BYTEA(17, 1001, "bytea", -1),
  INT8(20, 1016, "int8", 8),
  INT2(21, 1005, "int2", 2),
  INT4(23, 1007, "int4", 4),
  TEXT(25, 1009, "text", -1),
  JSON(114, 199, "json", -1),
  FLOAT4(700, 1021, "float4", 4),
  FLOAT8(701, 1022, "float8", 8),
  UNKNOWN(705, 0, "unknown", -2),
  VARCHAR(1043, 1015, "varchar", -1),
  DATE(1082, 1182, "date", 4),
  TIME(1083, 1183, "time", 8),
  TIMESTAMP(1114, 1115, "timestamp", 8),
  TIMESTAMPTZ(1184, 1185, "timestamptz", 8),
  NUMERIC(1700, 1231, "numeric", -1);

  private final int oid;
  private final int arrayOid;
  private final String typeName;
  private final int size;

  PgType(int oid, int arrayOid, String typeName, int size) {
    this.oid = oid;
    this.arrayOid = arrayOid;
    this.typeName = typeName;
    this.size = size;
  }

  int oid() {
    return oid;
  }

  int arrayOid() {
    return arrayOid;
  }

  String typeName() {
    return typeName;
  }

  /** {@code pg_type.typlen}: bytes of a fixed-size value, -1 for variable size. */
  int size() {
    return size;
  }

  /** The type of OID {@code oid}, as a scalar or as an array's element, or null if unknown. */
  static PgType ofOid(int oid) {
    for (PgType type : values()) {
      if (type.oid == oid || (type.arrayOid == oid && oid != 0)) {
        return type;
      }
    }
    return null;
  }

  /** Whether {@code oid} is the OID of an array type. */
  static boolean isArrayOid(int oid) {
    for (PgType type : values()) {
      if (type.arrayOid == oid && oid != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code typeName}, a type name as the engine's metadata writes it, is a map's: {@code
   * (VARCHAR NOT NULL, INTEGER) MAP}. JDBC has no type code for maps (they report {@code OTHER}).
   */
  static boolean isMapTypeName(String typeName) {
    return typeName != null && typeName.strip().toUpperCase(Locale.ROOT).endsWith(") MAP");
  }

  /** The type a JDBC type is sent as: structs as json, anything unknown as text. */
  static PgType ofJdbc(int jdbcType) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR -> VARCHAR;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> BYTEA;
      case Types.STRUCT -> JSON;
      default -> TEXT;
    };
  }

  /**
   * The element type of an array column, from the SQL type name the driver reports (such as {@code
   * INTEGER ARRAY} or {@code VARCHAR(10) ARRAY}).
   */
  static PgType ofArrayTypeName(String typeName) {
    String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
    int cut = name.lastIndexOf(" ARRAY");
    String element =
        (cut < 0 ? name : name.substring(0, cut))
            .replaceAll("\\(.*\\)", "")
            .replace("NOT NULL", "")
            .strip();
    if (element.startsWith("RECORDTYPE")
        || element.startsWith("ROW")
        || element.startsWith("STRUCT")
        || element.equals("MAP")) {
      return JSON; // a list of structs or of maps: json[]
    }
    return switch (element) {
      case "BOOLEAN" -> BOOL;
      case "TINYINT", "SMALLINT" -> INT2;
      case "INTEGER", "INT" -> INT4;
      case "BIGINT" -> INT8;
      case "REAL" -> FLOAT4;
      case "FLOAT", "DOUBLE" -> FLOAT8;
      case "DECIMAL", "NUMERIC" -> NUMERIC;
      case "DATE" -> DATE;
      case "TIME" -> TIME;
      case "TIMESTAMP" -> TIMESTAMP;
      case "VARCHAR", "CHAR" -> VARCHAR;
      default -> TEXT;
    };
  }
}
