package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The types a query names in its casts, as DuckDB reads them, before validation.
 *
 * <p>DuckDB's text type has no length: {@code CAST(s AS VARCHAR(3))} keeps all of {@code s}, and
 * {@code CHAR(n)} (or {@code CHAR}) is the same VARCHAR, not padded. Calcite follows the SQL
 * standard there, truncating to {@code n} characters and padding CHAR with spaces, so a query
 * written for DuckDB lost text silently ({@code 'abcdef'::VARCHAR(3)} was {@code 'abc'}). Every
 * VARCHAR(n), CHAR(n) and CHAR becomes VARCHAR.
 *
 * <p>DuckDB's other names of the types ({@code ::TEXT}, {@code ::INT8}, {@code ::BOOL}, ...) were
 * unknown identifiers to Calcite; each becomes the type it names. HUGEINT is BucketSQL's
 * DECIMAL(38, 0), the type of an integer SUM ({@link BucketTypeSystem}).
 */
final class DuckTypeNames {
  /** DuckDB's aliases Calcite does not know, by upper-case name. */
  private static final Map<String, SqlTypeName> ALIASES =
      Map.ofEntries(
          Map.entry("TEXT", SqlTypeName.VARCHAR),
          Map.entry("STRING", SqlTypeName.VARCHAR),
          Map.entry("BPCHAR", SqlTypeName.VARCHAR),
          Map.entry("INT8", SqlTypeName.BIGINT),
          Map.entry("LONG", SqlTypeName.BIGINT),
          Map.entry("INT4", SqlTypeName.INTEGER),
          Map.entry("SIGNED", SqlTypeName.INTEGER),
          Map.entry("INT2", SqlTypeName.SMALLINT),
          Map.entry("SHORT", SqlTypeName.SMALLINT),
          Map.entry("INT1", SqlTypeName.TINYINT),
          Map.entry("FLOAT8", SqlTypeName.DOUBLE),
          Map.entry("FLOAT4", SqlTypeName.REAL),
          Map.entry("BOOL", SqlTypeName.BOOLEAN),
          Map.entry("LOGICAL", SqlTypeName.BOOLEAN),
          Map.entry("HUGEINT", SqlTypeName.DECIMAL),
          Map.entry("INT128", SqlTypeName.DECIMAL));

  private DuckTypeNames() {}

  /** {@code node} with DuckDB's type names in its casts written as Calcite's types. */
  static SqlNode rewrite(SqlNode node) {
    return InPlaceCalls.replace(node, DuckTypeNames::replaceTypes);
  }

  /** Writes the types among {@code call}'s operands (a CAST's target) as Calcite's, in place. */
  private static @Nullable SqlNode replaceTypes(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i) instanceof SqlDataTypeSpec type) {
        SqlDataTypeSpec replaced = calcites(type);
        if (replaced != type) {
          call.setOperand(i, replaced);
        }
      }
    }
    return null;
  }

  /** {@code type} as Calcite's type of DuckDB's meaning; {@code type} itself when it is that. */
  private static SqlDataTypeSpec calcites(SqlDataTypeSpec type) {
    SqlParserPos pos = type.getTypeNameSpec().getParserPos();
    SqlBasicTypeNameSpec replacement;
    if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
      SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple());
      boolean bounded =
          name == SqlTypeName.VARCHAR && basic.getPrecision() >= 0 || name == SqlTypeName.CHAR;
      if (!bounded) {
        return type;
      }
      replacement = new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos);
    } else if (type.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named
        && named.getTypeName().isSimple()) {
      SqlTypeName alias = ALIASES.get(named.getTypeName().getSimple().toUpperCase(Locale.ROOT));
      if (alias == null) {
        return type;
      }
      replacement =
          alias == SqlTypeName.DECIMAL
              ? new SqlBasicTypeNameSpec(alias, 38, 0, pos)
              : new SqlBasicTypeNameSpec(alias, pos);
    } else {
      return type;
    }
    SqlDataTypeSpec spec =
        new SqlDataTypeSpec(replacement, type.getTimeZone(), type.getParserPosition());
    Boolean nullable = type.getNullable();
    return nullable == null ? spec : spec.withNullable(nullable);
  }
}
