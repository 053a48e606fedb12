package dev.bucketsql.server.pg;

import java.util.Locale;

/**
 * The functions of {@code pg_catalog} that clients' catalog queries call and that need no session:
 * each is registered under its PostgreSQL name, in {@code pg_catalog} and at the root (PostgreSQL
 * finds them unqualified too). The ones that depend on the session or on the catalog ({@code
 * current_schema()}, {@code obj_description}, {@code pg_table_is_visible}, {@code
 * 'name'::regclass}...) are rewritten in the SQL text instead ({@link PgCatalogSql}).
 */
public final class PgCatalogFunctions {
  private PgCatalogFunctions() {}

  /**
   * The name of the role with OID {@code oid}: every object belongs to {@value
   * PgObjects#OWNER_NAME}.
   */
  public static String pgGetUserbyid(Long oid) {
    return oid == null
        ? null
        : oid == PgObjects.OWNER ? PgObjects.OWNER_NAME : "unknown (OID=" + oid + ")";
  }

  /** The name of encoding number {@code encoding}: UTF8 (6) is the only one served. */
  public static String pgEncodingToChar(Integer encoding) {
    return encoding == null ? null : encoding == 6 ? "UTF8" : "";
  }

  /** The SQL name of a type with a modifier, as PostgreSQL's {@code format_type} writes it. */
  public static String formatType(Long oid, Integer typmod) {
    if (oid == null) {
      return null;
    }
    PgType type = PgType.ofOid((int) (long) oid);
    if (type == null || oid > Integer.MAX_VALUE) {
      return "???";
    }
    boolean array = PgType.isArrayOid((int) (long) oid);
    int mod = typmod == null ? -1 : typmod;
    String name =
        switch (type) {
          case BOOL -> "boolean";
          case INT2 -> "smallint";
          case INT4 -> "integer";
          case INT8 -> "bigint";
          case FLOAT4 -> "real";
          case FLOAT8 -> "double precision";
          case VARCHAR -> "character varying" + (mod > 4 ? "(" + (mod - 4) + ")" : "");
          case NUMERIC ->
              "numeric"
                  + (mod > 4 ? "(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")" : "");
          case TIME -> "time without time zone";
          case TIMESTAMP -> "timestamp without time zone";
          case TIMESTAMPTZ -> "timestamp with time zone";
          default -> type.typeName().toLowerCase(Locale.ROOT);
        };
    return array ? name + "[]" : name;
  }

  /**
   * Whether a privilege is held: reading (SELECT, USAGE, CONNECT...) yes, writing no; the privilege
   * is the last argument.
   */
  public static boolean hasPrivilege(String object, String privilege) {
    return readOnly(privilege);
  }

  /** {@link #hasPrivilege(String, String)} for an object given by OID. */
  public static boolean hasPrivilege(Long object, String privilege) {
    return readOnly(privilege);
  }

  /** The three-argument form (user, object, privilege), or (table, column, privilege). */
  public static boolean hasPrivilege(String user, String object, String privilege) {
    return readOnly(privilege);
  }

  /** The three-argument form with the object by OID. */
  public static boolean hasPrivilege(String user, Long object, String privilege) {
    return readOnly(privilege);
  }

  private static boolean readOnly(String privilege) {
    if (privilege == null) {
      return false;
    }
    for (String p : privilege.split(",")) {
      String name = p.strip().toUpperCase(Locale.ROOT).replace(" WITH GRANT OPTION", "");
      if (name.equals("SELECT")
          || name.equals("USAGE")
          || name.equals("CONNECT")
          || name.equals("EXECUTE")
          || name.equals("TEMPORARY")
          || name.equals("TEMP")) {
        return true;
      }
    }
    return false;
  }

  /** The text of a stored expression (defaults, index predicates): a bucket has none. */
  public static String pgGetExpr(String expression, Long relation) {
    return null;
  }

  /** {@link #pgGetExpr(String, Long)} with PostgreSQL's pretty-print flag. */
  public static String pgGetExpr(String expression, Long relation, Boolean pretty) {
    return null;
  }

  /** An index's definition: a bucket has no indexes. */
  public static String pgGetIndexdef(Long index, Integer column, Boolean pretty) {
    return null;
  }

  /**
   * A partitioned table's partition key: a bucket's folder partitions are not PostgreSQL
   * partitions.
   */
  public static String pgGetPartkeydef(Long relation) {
    return null;
  }

  /** A constraint's definition: a bucket has no constraints. */
  public static String pgGetConstraintdef(Long constraint, Boolean pretty) {
    return null;
  }

  /** The columns of an extended statistics object: a bucket has none. */
  public static String pgGetStatisticsobjdefColumns(Object statistics) {
    return null;
  }

  /** Whether a table can be published for logical replication: a bucket publishes nothing. */
  public static boolean pgRelationIsPublishable(Object relation) {
    return false;
  }

  /** The upper bound of an array's dimension {@code dimension} (1-based; one dimension here). */
  public static Integer arrayUpper(java.util.List<?> array, Object dimension) {
    if (array == null
        || dimension == null
        || ((Number) dimension).intValue() != 1
        || array.isEmpty()) {
      return null;
    }
    return array.size();
  }

  /**
   * {@code information_schema._pg_expandarray} of PostgreSQL returns a set of rows; pgjdbc calls it
   * only over key arrays of {@code pg_index} and {@code pg_constraint}, which are empty here, so it
   * is never called with a value and refuses one.
   */
  public static ExpandedArray pgExpandarray(java.util.List<?> array) {
    if (array == null) {
      return null;
    }
    throw new IllegalArgumentException("_pg_expandarray of a non-empty array is not supported");
  }

  /**
   * A field of {@link #pgExpandarray}'s row, {@code (_pg_expandarray(a)).x} or {@code (row).x}
   * ({@link PgCatalogSql} rewrites both into this call, the engine having no field access on a
   * function's row): NULL for NULL, and refused for a value, as {@link #pgExpandarray}.
   */
  public static Integer pgExpandarrayX(Object arrayOrRow) {
    return field(arrayOrRow, true);
  }

  /** The position field of {@link #pgExpandarray}'s row; see {@link #pgExpandarrayX}. */
  public static Integer pgExpandarrayN(Object arrayOrRow) {
    return field(arrayOrRow, false);
  }

  private static Integer field(Object arrayOrRow, boolean element) {
    if (arrayOrRow == null) {
      return null;
    }
    if (arrayOrRow instanceof ExpandedArray row) {
      return element ? row.x : row.n;
    }
    throw new IllegalArgumentException("_pg_expandarray of a non-empty array is not supported");
  }

  /** A row of {@link #pgExpandarray}: an element and its 1-based position. */
  public static final class ExpandedArray {
    /** The element. */
    public Integer x;

    /** Its position. */
    public Integer n;
  }

  /** The sequence behind a serial column: a bucket has no sequences. */
  public static String pgGetSerialSequence(Object table, Object column) {
    return null;
  }

  /**
   * {@code json_build_object(key, value, ...)}: a JSON object text, as SQLAlchemy's column query
   * builds one.
   */
  public static String jsonBuildObject(Object k1, Object v1) {
    return json(k1, v1);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 2 pairs. */
  public static String jsonBuildObject(Object k1, Object v1, Object k2, Object v2) {
    return json(k1, v1, k2, v2);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 3 pairs. */
  public static String jsonBuildObject(
      Object k1, Object v1, Object k2, Object v2, Object k3, Object v3) {
    return json(k1, v1, k2, v2, k3, v3);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 4 pairs. */
  public static String jsonBuildObject(
      Object k1, Object v1, Object k2, Object v2, Object k3, Object v3, Object k4, Object v4) {
    return json(k1, v1, k2, v2, k3, v3, k4, v4);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 5 pairs. */
  public static String jsonBuildObject(
      Object k1,
      Object v1,
      Object k2,
      Object v2,
      Object k3,
      Object v3,
      Object k4,
      Object v4,
      Object k5,
      Object v5) {
    return json(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 6 pairs. */
  public static String jsonBuildObject(
      Object k1,
      Object v1,
      Object k2,
      Object v2,
      Object k3,
      Object v3,
      Object k4,
      Object v4,
      Object k5,
      Object v5,
      Object k6,
      Object v6) {
    return json(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6);
  }

  /** {@link #jsonBuildObject(Object, Object)} with 7 pairs. */
  public static String jsonBuildObject(
      Object k1,
      Object v1,
      Object k2,
      Object v2,
      Object k3,
      Object v3,
      Object k4,
      Object v4,
      Object k5,
      Object v5,
      Object k6,
      Object v6,
      Object k7,
      Object v7) {
    return json(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7);
  }

  private static String json(Object... pairs) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      out.append(i == 0 ? "" : ", ")
          .append(jsonValue(String.valueOf(pairs[i])))
          .append(" : ")
          .append(jsonValue(pairs[i + 1]));
    }
    return out.append('}').toString();
  }

  private static String jsonValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    return PgJson.quoted(value.toString());
  }

  /** PostgreSQL's {@code format(formatstr)}: see {@link PgFormat}. */
  public static String format(String format) {
    return PgFormat.format(format);
  }

  /** {@code format} with 1 argument. */
  public static String format(String format, Object a1) {
    return PgFormat.format(format, a1);
  }

  /** {@code format} with 2 arguments. */
  public static String format(String format, Object a1, Object a2) {
    return PgFormat.format(format, a1, a2);
  }

  /** {@code format} with 3 arguments. */
  public static String format(String format, Object a1, Object a2, Object a3) {
    return PgFormat.format(format, a1, a2, a3);
  }

  /** {@code format} with 4 arguments. */
  public static String format(String format, Object a1, Object a2, Object a3, Object a4) {
    return PgFormat.format(format, a1, a2, a3, a4);
  }

  /**
   * Whether a type is on the search path: every type here is in {@code pg_catalog}, which always
   * is.
   */
  public static Boolean pgTypeIsVisible(Object type) {
    return type == null ? null : Boolean.TRUE;
  }

  /** A shared object's comment (databases, roles): none. */
  public static String shobjDescription(Long object, String catalog) {
    return null;
  }
}
