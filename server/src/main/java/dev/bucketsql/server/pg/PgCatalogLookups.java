package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.SqlStateException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;

/**
 * The catalog functions that look a name or an OID up in the statement's catalog, served through
 * {@link PgRootFunction}: a {@code regclass} cast of a computed name ({@code CAST(format('%I.%I',
 * s, t) AS regclass)}, as Metabase's column sync writes it) and {@code col_description}.
 */
public final class PgCatalogLookups {
  private PgCatalogLookups() {}

  /**
   * The OID of the relation {@code name} names, as PostgreSQL's {@code regclass} input reads it
   * ({@code schema.table}, parts quoted or not); an unqualified name is looked up in {@code
   * defaultSchema}, then among {@code pg_catalog}'s tables.
   *
   * @throws SqlStateException 42P01 when there is no such relation, as in PostgreSQL
   */
  public static Long regclass(DataContext root, Object name, Object defaultSchema) {
    if (name == null) {
      return null;
    }
    String text = name.toString();
    if (text.strip().matches("\\d+")) {
      return Long.valueOf(text.strip()); // PostgreSQL reads an OID as itself
    }
    List<String> parts = PgCatalogSql.identifierParts(text);
    if (parts.size() == 1 || parts.size() == 2 && parts.get(0).equals(PgCatalogSchema.NAME)) {
      Long system = PgCatalogSchema.TABLE_OIDS.get(parts.get(parts.size() - 1));
      if (system != null) {
        return system;
      }
    }
    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : String.valueOf(defaultSchema);
    Optional<PgObjects.Relation> relation =
        objects(root).relation(schema, parts.get(parts.size() - 1));
    return relation
        .map(PgObjects.Relation::oid)
        .orElseThrow(
            () ->
                new SqlStateException(
                    "42P01",
                    "relation \""
                        + text
                        + "\" does not exist; name it as \"schema\".\"table\" (the schemas are the"
                        + " bucket's folders)"));
  }

  /**
   * The comment on column {@code column} (1-based) of relation {@code relation}, or on the relation
   * itself for column 0: NULL when there is none, as in PostgreSQL.
   */
  public static String colDescription(DataContext root, Object relation, Object column) {
    if (relation == null || column == null) {
      return null;
    }
    long oid = ((Number) relation).longValue();
    int number = ((Number) column).intValue();
    for (PgObjects.Relation r : objects(root).relations()) {
      if (r.oid() != oid) {
        continue;
      }
      if (number == 0) {
        return r.description();
      }
      for (PgObjects.Attribute a : PgObjects.attributes(r, root.getTypeFactory())) {
        if (a.number() == number) {
          return a.description();
        }
      }
      return null;
    }
    return null;
  }

  private static PgObjects objects(DataContext root) {
    return PgObjects.of(requireNonNull(root.getRootSchema(), "root schema"));
  }
}
