package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.calcite.catalog.Remarked;
import dev.bucketsql.calcite.meta.CatalogRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The engine's catalog (schemas = bucket folders, tables = objects) with the OIDs PostgreSQL's
 * catalog gives them. An OID is a hash of the object's name, so the same schema and table get the
 * same OID in every query and every session while the bucket's listing holds them (psql reads a
 * table's OID in one query and sends it back in the next); two names whose hashes meet are told
 * apart by probing in name order.
 */
final class PgObjects {
  /** {@code pg_catalog}'s OID in PostgreSQL. */
  static final long CATALOG_NAMESPACE = 11;

  /** The owner of everything: the bootstrap superuser's OID in PostgreSQL. */
  static final long OWNER = 10;

  /** The name {@code pg_get_userbyid} gives the owner. */
  static final String OWNER_NAME = "bucketsql";

  /** The first OID PostgreSQL gives user objects. */
  private static final long FIRST_USER_OID = 16384;

  /** A schema. */
  record Namespace(long oid, String name) {}

  /** A table of the bucket. */
  record Relation(long oid, Namespace namespace, String name, Table table) {
    /** The table's comment: where its data comes from (its object key or folder). */
    String description() {
      return remarked(table).map(Remarked::remarks).orElse(null);
    }
  }

  /**
   * A column.
   *
   * @param number 1-based position
   * @param typmod PostgreSQL's type modifier: length + 4, or (precision << 16 | scale) + 4; -1 for
   *     none
   */
  record Attribute(
      Relation relation,
      int number,
      String name,
      PgType type,
      boolean array,
      int typmod,
      boolean notNull,
      String description) {
    /** The column's type OID. */
    long typeOid() {
      return array ? type.arrayOid() : type.oid();
    }
  }

  private final List<Namespace> namespaces;
  private final List<Relation> relations;

  private PgObjects(List<Namespace> namespaces, List<Relation> relations) {
    this.namespaces = namespaces;
    this.relations = relations;
  }

  /** The catalog of {@code root} now. */
  static PgObjects of(SchemaPlus root) {
    requireNonNull(root, "root is null");
    Set<Long> used = new HashSet<>();
    used.add(CATALOG_NAMESPACE);
    Map<String, Namespace> byName = new LinkedHashMap<>();
    List<Namespace> namespaces = new ArrayList<>();
    namespaces.add(new Namespace(CATALOG_NAMESPACE, PgCatalogSchema.NAME));
    for (String schema : CatalogRows.schemas(root)) {
      if (schema.equals(PgCatalogSchema.NAME)) {
        continue;
      }
      Namespace namespace = new Namespace(oid("n\u0000" + schema, used), schema);
      namespaces.add(namespace);
      byName.put(schema, namespace);
    }
    List<Relation> relations = new ArrayList<>();
    for (CatalogRows.TableRow row : CatalogRows.tables(root)) {
      Namespace namespace = byName.get(row.schema());
      if (namespace == null) {
        continue; // pg_catalog's own tables are not listed
      }
      relations.add(
          new Relation(
              oid("r\u0000" + row.schema() + "\u0000" + row.name(), used),
              namespace,
              row.name(),
              row.table()));
    }
    return new PgObjects(List.copyOf(namespaces), List.copyOf(relations));
  }

  /** Schemas, {@code pg_catalog} first, then by name. */
  List<Namespace> namespaces() {
    return namespaces;
  }

  /** Tables, by schema and name. */
  List<Relation> relations() {
    return relations;
  }

  /** The schema named {@code name} (exactly, then ignoring case), if any. */
  Optional<Namespace> namespace(String name) {
    return namespaces.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .or(() -> namespaces.stream().filter(n -> n.name().equalsIgnoreCase(name)).findFirst());
  }

  /** The table {@code name} in {@code schema}, matched exactly, then ignoring case. */
  Optional<Relation> relation(String schema, String name) {
    return relations.stream()
        .filter(r -> r.namespace().name().equals(schema) && r.name().equals(name))
        .findFirst()
        .or(
            () ->
                relations.stream()
                    .filter(
                        r ->
                            r.namespace().name().equalsIgnoreCase(schema)
                                && r.name().equalsIgnoreCase(name))
                    .findFirst());
  }

  /** The columns of {@code relation}; none when they cannot be read (logged by the engine). */
  static List<Attribute> attributes(Relation relation, RelDataTypeFactory typeFactory) {
    RelDataType rowType =
        new CatalogRows.TableRow(relation.namespace().name(), relation.name(), relation.table())
            .rowType(typeFactory);
    List<Attribute> attributes = new ArrayList<>();
    if (rowType == null) {
      return attributes;
    }
    Optional<Remarked> remarked = remarked(relation.table());
    for (RelDataTypeField field : rowType.getFieldList()) {
      RelDataType type = field.getType();
      boolean array =
          type.getSqlTypeName() == SqlTypeName.ARRAY
              || type.getSqlTypeName() == SqlTypeName.MULTISET;
      RelDataType scalar = array ? requireNonNull(type.getComponentType(), "component") : type;
      boolean nested =
          array
              && (scalar.getSqlTypeName() == SqlTypeName.ARRAY
                  || scalar.getSqlTypeName() == SqlTypeName.MULTISET);
      // a map is json, as results send it; JDBC's code for it (OTHER) would make it text;
      // a list of lists is one json value, as results send it
      PgType pgType =
          scalar.getSqlTypeName() == SqlTypeName.MAP || nested
              ? PgType.JSON
              : PgType.ofJdbc(scalar.getSqlTypeName().getJdbcOrdinal());
      array = array && !nested;
      attributes.add(
          new Attribute(
              relation,
              field.getIndex() + 1,
              field.getName(),
              pgType,
              array,
              array ? -1 : typmod(scalar, pgType),
              !type.isNullable(),
              remarked.flatMap(r -> r.columnRemarks(field.getName())).orElse(null)));
    }
    return attributes;
  }

  private static int typmod(RelDataType type, PgType pgType) {
    int precision = type.getPrecision();
    if (pgType == PgType.NUMERIC && precision > 0 && precision <= 1000) {
      return ((precision << 16) | Math.max(0, type.getScale())) + 4;
    }
    if (pgType == PgType.VARCHAR && precision > 0 && precision < 10_485_760) {
      return precision + 4;
    }
    return -1;
  }

  private static Optional<Remarked> remarked(Table table) {
    BucketTable bucketTable = table instanceof Wrapper w ? w.unwrap(BucketTable.class) : null;
    if (bucketTable != null && bucketTable.file() instanceof Remarked r) {
      return Optional.of(r);
    }
    return Optional.empty();
  }

  /** A stable OID for {@code key}, the next free one when its hash is taken. */
  private static long oid(String key, Set<Long> used) {
    long h = mix(key.hashCode());
    long oid = FIRST_USER_OID + Math.floorMod(h, 1L << 30);
    while (!used.add(oid)) {
      oid = oid + 1 >= FIRST_USER_OID + (1L << 30) ? FIRST_USER_OID : oid + 1;
    }
    return oid;
  }

  /** Spreads a 32-bit hash over 64 bits (a finalizer in the manner of MurmurHash3's). */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9a53L;
    h ^= h >>> 33;
    return h;
  }
}
