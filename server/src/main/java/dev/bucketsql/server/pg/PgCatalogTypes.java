package dev.bucketsql.server.pg;

import static dev.bucketsql.server.pg.PgCatalogTable.Kind.BOOL;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT2;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.INT4;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.OID;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.TEXT;
import static dev.bucketsql.server.pg.PgCatalogTable.Kind.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;

/** {@code pg_type}: the types BucketSQL sends ({@link PgType}) and their array types. */
final class PgCatalogTypes {
  static final PgCatalogTable.Columns COLUMNS =
      new PgCatalogTable.Columns()
          .add(OID, "oid")
          .add(TEXT, "typname")
          .add(OID, "typnamespace", "typowner")
          .add(INT2, "typlen")
          .add(BOOL, "typbyval")
          .add(TEXT, "typtype", "typcategory")
          .add(BOOL, "typispreferred", "typisdefined")
          .add(TEXT, "typdelim")
          .add(OID, "typrelid", "typsubscript", "typelem", "typarray")
          .add(TEXT, "typinput", "typoutput", "typreceive", "typsend", "typalign", "typstorage")
          .add(BOOL, "typnotnull")
          .add(OID, "typbasetype")
          .add(INT4, "typtypmod", "typndims")
          .add(OID, "typcollation")
          .add(TEXT, "typdefault")
          .add(TEXT_ARRAY, "typacl");

  private PgCatalogTypes() {}

  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (PgType type : PgType.values()) {
      rows.add(
          row(type.oid(), type.typeName(), type.size(), category(type), 0, type.arrayOid(), type));
      if (type.arrayOid() != 0) {
        rows.add(row(type.arrayOid(), "_" + type.typeName(), -1, "A", type.oid(), 0, type));
      }
    }
    return rows;
  }

  private static Object[] row(
      int oid, String name, int length, String category, int element, int array, PgType type) {
    boolean text = type == PgType.TEXT || type == PgType.VARCHAR;
    String io = element != 0 ? "array_" : type.typeName();
    return new Object[] {
      (long) oid,
      name,
      PgObjects.CATALOG_NAMESPACE,
      PgObjects.OWNER,
      (short) length,
      length > 0 && length <= 8,
      "b",
      category,
      type == PgType.TEXT || type == PgType.FLOAT8 || type == PgType.BOOL,
      true,
      ",",
      0L,
      0L,
      (long) element,
      (long) array,
      io + "in",
      io + "out",
      io + "recv",
      io + "send",
      length == 8 ? "d" : length == 2 ? "s" : length == 1 ? "c" : "i",
      length > 0 ? "p" : "x",
      false,
      0L,
      -1,
      0,
      text && element == 0 ? 100L : 0L,
      null,
      null
    };
  }

  private static String category(PgType type) {
    return switch (type) {
      case BOOL -> "B";
      case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC -> "N";
      case TEXT, VARCHAR -> "S";
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> "D";
      case UNKNOWN -> "X";
      default -> "U";
    };
  }
}
