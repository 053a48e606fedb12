package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Types inferred from the sample, and the values rows then hold. */
@ExtendWith(CsvS3.class)
class CsvTypeInferenceTest {
  private static ColumnType typeOf(String values) {
    CsvDataFile f = file("t.csv", "c\n" + values.replace('|', '\n') + "\n");
    return f.schema().column(0).type();
  }

  @Test
  void integersAreBigintLikeDuckDbReadsThem() {
    // 32-bit values too: the sample does not see the rest of the object, and sums of 32-bit
    // ids overflow. INTEGER only when declared.
    assertThat(typeOf("1|-2|0|-0|2147483647")).isEqualTo(ColumnType.BIGINT);
    assertThat(typeOf("1|2147483648")).isEqualTo(ColumnType.BIGINT);
    assertThat(typeOf("-9223372036854775808|9223372036854775807")).isEqualTo(ColumnType.BIGINT);
    CsvDataFile f = file("max.csv", "minutes\n2147483647\n1\n");
    assertThat(rows(f)).containsExactly(List.of(2_147_483_647L), List.of(1L));
    assertThat(rows(f).get(0).get(0)).isInstanceOf(Long.class);
  }

  @Test
  void aColumnDeclaredIntegerIsReadAsInteger() {
    CsvOptions options = CsvOptions.builder().columnType("N", ColumnType.INTEGER).build();
    CsvDataFile f = file("int.csv", "n,m\n-5,6\n", options);
    assertThat(f.schema().columns())
        .extracting(Column::type)
        .containsExactly(ColumnType.INTEGER, ColumnType.BIGINT);
    assertThat(rows(f)).containsExactly(List.of(-5, 6L));
  }

  @Test
  void doubles() {
    assertThat(typeOf("1|2.5|-0.25|1e3|.5|2.")).isEqualTo(ColumnType.DOUBLE);
    assertThat(typeOf("1.5|2.25E-2")).isEqualTo(ColumnType.DOUBLE);
    // Out of a double's range would read as infinity: not the value written.
    assertThat(typeOf("1e400")).isEqualTo(ColumnType.VARCHAR);
    CsvDataFile f = file("dot.csv", "x\n2.\n.5\n");
    assertThat(rows(f)).containsExactly(List.of(2.0d), List.of(0.5d));
  }

  @Test
  void nanAndInfinitiesAmongNumbersAreDoublesAsInDuckDb() {
    assertThat(typeOf("1.5|inf")).isEqualTo(ColumnType.DOUBLE);
    assertThat(typeOf("1|nan|-INF|Infinity|-infinity|NaN")).isEqualTo(ColumnType.DOUBLE);
    // DuckDB's reader keeps these as text
    assertThat(typeOf("1.5|+inf")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("1.5|-nan")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("1.5|infinite")).isEqualTo(ColumnType.VARCHAR);
    CsvDataFile f = file("special.csv", "x\n1\nnan\n-Inf\nINFINITY\n-0.0\n");
    assertThat(rows(f))
        .containsExactly(
            List.of(1.0d),
            List.of(Double.NaN),
            List.of(Double.NEGATIVE_INFINITY),
            List.of(Double.POSITIVE_INFINITY),
            List.of(-0.0d));
  }

  @Test
  void signedIntegersStayText() {
    assertThat(typeOf("+5|6")).isEqualTo(ColumnType.VARCHAR);
  }

  @Test
  void leadingZerosStayText() {
    assertThat(typeOf("007|12")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("00.5")).isEqualTo(ColumnType.VARCHAR);
    CsvDataFile f = file("zip.csv", "zip\n01234\n98765\n");
    assertThat(rows(f)).containsExactly(List.of("01234"), List.of("98765"));
  }

  @Test
  void integersBeyondBigintMakeTheColumnText() {
    assertThat(typeOf("1|9223372036854775808")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("2.5|123456789012345678901234567890")).isEqualTo(ColumnType.VARCHAR);
    CsvDataFile f = file("big.csv", "n\n123456789012345678901234567890\n");
    assertThat(rows(f)).containsExactly(List.of("123456789012345678901234567890"));
  }

  @Test
  void booleansDatesAndTimestamps() {
    assertThat(typeOf("true|FALSE|True")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(typeOf("t|F|true")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(typeOf("yes|No")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(typeOf("y|n")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("on|off")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("0|1")).isEqualTo(ColumnType.BIGINT);
    assertThat(typeOf("1|yes")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("2024-02-29|1999-12-31")).isEqualTo(ColumnType.DATE);
    assertThat(typeOf("2024-1-2|2024-12-31")).isEqualTo(ColumnType.DATE);
    assertThat(typeOf("2024-02-29 10:11:12|2024-03-01T00:00:00.5|2024-03-01 23:59:59.123"))
        .isEqualTo(ColumnType.TIMESTAMP);
    assertThat(typeOf("2024-01-02 10:11|2024-1-2 1:2:3")).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(typeOf("2024-02-30")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("2024-01-01 25:00:00")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("2024-01-01|2024-01-01 10:00:00")).isEqualTo(ColumnType.VARCHAR);
    // A TIMESTAMP holds milliseconds; more digits would be cut, so the column stays text.
    assertThat(typeOf("2024-01-01 10:00:00.123456")).isEqualTo(ColumnType.VARCHAR);
    // Formats DuckDB sniffs but read here as text: an ambiguous 01/02/2024 is a wrong date half
    // the time; TIME and time zones have no column type here.
    assertThat(typeOf("01/02/2024|03/04/2024")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("10:11:12|00:00:00")).isEqualTo(ColumnType.VARCHAR);
    assertThat(typeOf("2024-01-02T10:11:12Z")).isEqualTo(ColumnType.VARCHAR);
    CsvDataFile f = file("short.csv", "d,ts,b\n2024-1-2,2024-01-02 3:04,T\n");
    long millis = LocalDateTime.of(2024, 1, 2, 3, 4).toInstant(ZoneOffset.UTC).toEpochMilli();
    assertThat(rows(f))
        .containsExactly(List.of((int) LocalDate.of(2024, 1, 2).toEpochDay(), millis, true));
  }

  @Test
  void emptyFieldsAreNullAndAllNullColumnsAreVarchar() {
    CsvDataFile f = file("e.csv", "a,b,c\n1,,\n,x,\"\"\n3,y,\n");
    assertThat(f.schema().columns())
        .extracting(Column::type)
        .containsExactly(ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.VARCHAR);
    assertThat(rows(f))
        .containsExactly(
            Arrays.asList(1L, null, null),
            Arrays.asList(null, "x", null),
            Arrays.asList(3L, "y", null));
  }

  @Test
  void aNullStringReadsAsNull() {
    CsvOptions options = CsvOptions.builder().nullString("NA").build();
    CsvDataFile f = file("na.csv", "n,s\n1,NA\nNA,x\n,\"\"\n", options);
    assertThat(f.schema().column(0).type()).isEqualTo(ColumnType.BIGINT);
    assertThat(rows(f))
        .containsExactly(
            Arrays.asList(1L, null), Arrays.asList(null, "x"), Arrays.asList(null, ""));
  }

  @Test
  void valuesFollowTheColumnTypeRepresentation() {
    CsvDataFile f =
        file(
            "v.csv", "b,i,l,d,day,ts\ntrue,-5,9000000000,2.5,2024-02-29,2024-02-29T10:11:12.345\n");
    long millis =
        LocalDateTime.of(2024, 2, 29, 10, 11, 12, 345_000_000)
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli();
    assertThat(rows(f))
        .containsExactly(
            List.of(
                true,
                -5L,
                9_000_000_000L,
                2.5d,
                (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                millis));
    assertThat(rows(f).get(0))
        .extracting(Object::getClass)
        .containsExactly(
            Boolean.class, Long.class, Long.class, Double.class, Integer.class, Long.class);
  }

  @Test
  void typedValuesAreTrimmedButTextIsKeptAsWritten() {
    CsvDataFile f = file("ws.csv", "n,s\n 12 , x \n");
    assertThat(rows(f)).containsExactly(List.of(12L, " x "));
  }

  @Test
  void aRecordCutByTheSampleEndIsLeftOutOfInference() {
    // The sample ends after "2." of "2.5": read as a value, that cut text would make the column
    // VARCHAR (and the cut record has one field only).
    String content = "n,s\n1,a\n2.5,\"x\ny\"\n";
    int cut = content.indexOf("2.5") + 2;
    CsvOptions options = CsvOptions.builder().sampleBytes(cut).build();
    CsvDataFile f = file("cut.csv", content, options);
    assertThat(f.schema().column(0).type()).isEqualTo(ColumnType.BIGINT);
    assertThatThrownBy(() -> rows(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("line 3, column 'n': value '2.5' is not a valid BIGINT");
  }

  @Test
  void declaredTypesReplaceInference() {
    CsvOptions options =
        CsvOptions.builder()
            .columnType("zip", ColumnType.VARCHAR)
            .columnType("n", ColumnType.BIGINT)
            .build();
    CsvDataFile f = file("d.csv", "zip,n\n12345,7\n", options);
    assertThat(f.schema().columns())
        .extracting(Column::type)
        .containsExactly(ColumnType.VARCHAR, ColumnType.BIGINT);
    assertThat(rows(f)).containsExactly(List.of("12345", 7L));
  }

  @Test
  void aDeclaredTypeForAMissingColumnFails() {
    CsvOptions options = CsvOptions.builder().columnType("nope", ColumnType.INTEGER).build();
    CsvDataFile f = file("d.csv", "a,b\n1,2\n", options);
    assertThatThrownBy(f::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'d.csv'")
        .hasMessageContaining("'nope'")
        .hasMessageContaining("[a, b]");
  }
}
