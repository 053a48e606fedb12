package dev.bucketsql.csv;

import static dev.bucketsql.csv.CsvTestFiles.count;
import static dev.bucketsql.csv.CsvTestFiles.file;
import static dev.bucketsql.csv.CsvTestFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Column names from the header row, and objects with no rows or no header. */
@ExtendWith(CsvS3.class)
class CsvHeaderTest {
  @Test
  void namesAreTrimmedAndBlankOrDuplicateNamesMadeUnique() {
    CsvDataFile f = file("h.csv", " id ,name,,name,name_2,\"name\" ,\n1,a,b,c,d,e,f\n");
    assertThat(f.schema().columns())
        .extracting(Column::name)
        .containsExactly("id", "name", "column_3", "name_2", "name_2_2", "name_3", "column_7");
  }

  @Test
  void aHeaderOnlyObjectIsATableOfVarcharColumnsWithoutRows() {
    CsvDataFile f = file("header-only.csv", "a,b,c\n");
    assertThat(f.schema().columns())
        .extracting(Column::name, Column::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("b", ColumnType.VARCHAR),
            org.assertj.core.groups.Tuple.tuple("c", ColumnType.VARCHAR));
    assertThat(rows(f)).isEmpty();
    assertThat(count(f)).isZero();
  }

  @Test
  void aHeaderWithoutLineBreakIsAHeaderOnlyObject() {
    CsvDataFile f = file("no-eol.csv", "a,b");
    assertThat(f.schema().size()).isEqualTo(2);
    assertThat(rows(f)).isEmpty();
  }

  @Test
  void anEmptyObjectFailsNamingTheKey() {
    CsvDataFile f = file("empty.csv", "");
    assertThatThrownBy(f::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'empty.csv'")
        .hasMessageContaining("empty object, no header row");
  }

  @Test
  void anObjectOfBlankLinesFailsNamingTheKey() {
    CsvDataFile f = file("blank.csv", "\n\r\n\n");
    assertThatThrownBy(f::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'blank.csv'")
        .hasMessageContaining("no header row");
  }

  @Test
  void withoutHeaderColumnsAreNumberedAndTheFirstRecordIsData() {
    CsvOptions options = CsvOptions.builder().header(false).build();
    CsvDataFile f = file("nohead.csv", "1,x\n2,y\n", options);
    assertThat(f.schema().columns())
        .extracting(Column::name)
        .containsExactly("column_1", "column_2");
    assertThat(rows(f)).containsExactly(List.of(1, "x"), List.of(2, "y"));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void blankLinesAreSkippedInMultiColumnTables() {
    CsvDataFile f = file("gaps.csv", "a,b\n\n1,2\n\r\n3,4\n\n");
    assertThat(rows(f)).containsExactly(List.of(1, 2), List.of(3, 4));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void blankLinesAreNullValuesInSingleColumnTables() {
    CsvDataFile f = file("single.csv", "n\n1\n\n3\n");
    assertThat(rows(f)).containsExactly(List.of(1), Arrays.asList((Object) null), List.of(3));
    assertThat(count(f)).isEqualTo(3);
  }

  @Test
  void leadingBlankLinesComeBeforeTheHeaderInOneColumnTablesToo() {
    CsvDataFile f = file("lead.csv", "\n\r\nn\n1\n\n2\r");
    assertThat(f.schema().column(0).name()).isEqualTo("n");
    assertThat(rows(f)).containsExactly(List.of(1), Arrays.asList((Object) null), List.of(2));
    assertThat(count(f)).isEqualTo(3);
  }

  @Test
  void aHeaderLongerThanTheSampleAsksForALargerSample() {
    CsvOptions options = CsvOptions.builder().sampleBytes(8).build();
    CsvDataFile f = file("wide.csv", "alpha,beta,gamma\n1,2,3\n", options);
    assertThatThrownBy(f::schema)
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "CSV object 'wide.csv' line 1: the first record does not end within the first 8"
                + " bytes sampled; raise the sampleBytes option, or check for an unclosed quote"
                + " in the header");
  }
}
