package dev.bucketsql.server.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encodings the protocol tests with real clients exercise only on a few values: floats printed
 * as PostgreSQL prints them, binary numeric/date/timestamp written and read back, SQL split into
 * statements and {@code $n} parameters, COPY options.
 */
class PgWireFormatTest {
  @Test
  void aRowAbandonedHalfWayIsNotSentAndTheErrorFollows() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PgOutput out = new PgOutput(bytes);
    out.begin('D').writeShort(2).writeInt(1).writeByte('7');
    // the second value failed: the row is dropped, an ErrorResponse is the next message
    out.abandon();
    out.begin('E').writeByte(0).end();
    out.flush();
    assertThat(bytes.toByteArray()).containsExactly('E', 0, 0, 0, 5, 0);
    out.abandon(); // nothing open: nothing changes
    out.flush();
    assertThat(bytes.toByteArray()).hasSize(6);
  }

  @Test
  void floatsPrintAsPostgreSqlPrintsThem() {
    // Expected values are PostgreSQL 16's output for float8 and float4.
    assertThat(PgValues.floatText(10000.0, false)).isEqualTo("10000");
    assertThat(PgValues.floatText(1.5, false)).isEqualTo("1.5");
    assertThat(PgValues.floatText(0.1 + 0.2, false)).isEqualTo("0.30000000000000004");
    assertThat(PgValues.floatText(1e15, false)).isEqualTo("1e+15");
    assertThat(PgValues.floatText(123456789012345.0, false)).isEqualTo("123456789012345");
    assertThat(PgValues.floatText(0.0001, false)).isEqualTo("0.0001");
    assertThat(PgValues.floatText(0.00001, false)).isEqualTo("1e-05");
    assertThat(PgValues.floatText(-2.5e-300, false)).isEqualTo("-2.5e-300");
    assertThat(PgValues.floatText(-0.0, false)).isEqualTo("-0");
    assertThat(PgValues.floatText(Double.NaN, false)).isEqualTo("NaN");
    assertThat(PgValues.floatText(Double.NEGATIVE_INFINITY, false)).isEqualTo("-Infinity");
    assertThat(PgValues.floatText(100000f, true)).isEqualTo("100000");
    assertThat(PgValues.floatText(1e6f, true)).isEqualTo("1e+06");
    assertThat(PgValues.floatText(0.1f, true)).isEqualTo("0.1");
  }

  @Test
  void binaryValuesReadBackAsWritten() throws IOException {
    Random random = new Random(20261205);
    for (int i = 0; i < 2000; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(120), random);
      BigDecimal value =
          new BigDecimal(
              random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(40) - 5);
      if (value.scale() < 0) {
        value = value.setScale(0);
      }
      assertThat(roundTrip(value, PgType.NUMERIC, Types.DECIMAL)).as("%s", value).isEqualTo(value);
    }
    assertThat(roundTrip(BigDecimal.ZERO.setScale(3), PgType.NUMERIC, Types.DECIMAL))
        .isEqualTo(BigDecimal.ZERO.setScale(3));
    assertThat(roundTrip(LocalDate.of(1969, 12, 31), PgType.DATE, Types.DATE))
        .isEqualTo(java.sql.Date.valueOf("1969-12-31"));
    LocalDateTime time = LocalDateTime.of(2019, 2, 28, 13, 14, 15, 250_000_000);
    assertThat(roundTrip(time, PgType.TIMESTAMP, Types.TIMESTAMP))
        .isEqualTo(java.sql.Timestamp.valueOf(time));
    assertThat(roundTrip(-7L, PgType.INT2, Types.INTEGER)).isEqualTo(-7);
    assertThat(roundTrip(1L << 40, PgType.INT8, Types.BIGINT)).isEqualTo(1L << 40);
    assertThat(roundTrip(2.5, PgType.FLOAT8, Types.DOUBLE)).isEqualTo(2.5);
  }

  /** Writes {@code value} in binary as a DataRow field, then decodes it as a Bind parameter. */
  private static Object roundTrip(Object value, PgType type, int jdbcType) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PgOutput out = new PgOutput(bytes);
    out.begin('D');
    PgValues.write(out, value, new PgColumn("c", type, false), true);
    out.end();
    out.flush();
    byte[] message = bytes.toByteArray();
    byte[] field = Arrays.copyOfRange(message, 9, message.length); // type, length, field length
    return PgParameters.decode(field, true, type.oid(), jdbcType, 1);
  }

  @Test
  void textArraysQuoteWhatPostgreSqlQuotes() {
    assertThat(PgValues.text(List.of(1L, 2L))).isEqualTo("{1,2}");
    assertThat(PgValues.text(Arrays.asList("a b", null, "", "NULL", "x\"y", "plain")))
        .isEqualTo("{\"a b\",NULL,\"\",\"NULL\",\"x\\\"y\",plain}");
  }

  @Test
  void parametersAndStatementsAreFoundOutsideQuotesAndComments() {
    PgSql.Rewritten r =
        PgSql.rewriteParameters("select $2, '$1', \"$1\", $$ $1 $$ -- $3\n, $1 /* $4 */, $1");
    assertThat(r.sql()).isEqualTo("select ?, '$1', \"$1\", $$ $1 $$ -- $3\n, ? /* $4 */, ?");
    assertThat(r.parameters()).containsExactly(2, 1, 1);
    assertThat(r.count()).isEqualTo(2);
    assertThat(PgSql.split("select ';'; ; -- only a comment\n select 2;"))
        .containsExactly("select ';'", "-- only a comment\n select 2");
  }

  @Test
  void copyOptions() {
    PgCopy csv =
        PgCopy.parse(
            "COPY (select 1) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER ';', NULL 'n/a')");
    assertThat(csv.query()).isEqualTo("select 1");
    assertThat(csv.header()).isTrue();
    assertThat(
            new String(
                csv.line(Arrays.asList("a;b", null, 1L)), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("\"a;b\";n/a;1\n");
    PgCopy text = PgCopy.parse("COPY emps (name) TO STDOUT");
    assertThat(text.query()).isEqualTo("SELECT name FROM emps");
    assertThat(
            new String(
                text.line(Arrays.asList("a\tb", null)), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("a\\tb\t\\N\n");
    assertThat(PgCopy.parse("select 1")).isNull();
    assertThatThrownBy(() -> PgCopy.parse("COPY emps FROM STDIN"))
        .hasMessageContaining("TO STDOUT");
  }
}
