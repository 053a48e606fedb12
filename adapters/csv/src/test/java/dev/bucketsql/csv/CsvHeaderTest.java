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
  void namesAreTrimmedAndBlankOrDuplicateNamesMadeUniqueAsDuckDbNamesThem() {
    CsvDataFile f = file("h.csv", " id ,name,,name,name_2,\"name\" ,\n1,a,b,c,d,e,f\n");
    assertThat(f.schema().columns())
        .extracting(Column::name)
        .containsExactly("id", "name", "column2", "name_1", "name_2", "name_2_1", "column6");
  }

  @Test
  void namesDifferingOnlyInCaseAreDuplicates() {
    CsvDataFile f = file("case.csv", "Name,name,NAME,nAmE_1\n1,2,3,4\n");
    assertThat(f.schema().columns())
        .extracting(Column::name)
        .containsExactly("Name", "name_1", "NAME_2", "nAmE_1_1");
  }

  @Test
  void generatedNamesArePaddedToTheWidthOfTheLastPosition() {
    CsvDataFile f = file("wide-blank.csv", "a" + ",".repeat(10) + "\n" + "1,".repeat(10) + "1\n");
    assertThat(f.schema().columns())
        .extracting(Column::name)
        .startsWith("a", "column01", "column02")
        .endsWith("column09", "column10");
    CsvDataFile generatedClash = file("clash.csv", "column1,,column1\n1,2,3\n");
    assertThat(generatedClash.schema().columns())
        .extracting(Column::name)
        .containsExactly("column1", "column1_1", "column1_2");
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
    assertThat(f.schema().columns()).extracting(Column::name).containsExactly("column0", "column1");
    assertThat(rows(f)).containsExactly(List.of(1L, "x"), List.of(2L, "y"));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void blankLinesAreSkippedInMultiColumnTables() {
    CsvDataFile f = file("gaps.csv", "a,b\n\n1,2\n\r\n3,4\n\n");
    assertThat(rows(f)).containsExactly(List.of(1L, 2L), List.of(3L, 4L));
    assertThat(count(f)).isEqualTo(2);
  }

  @Test
  void blankLinesAreNullValuesInSingleColumnTables() {
    CsvDataFile f = file("single.csv", "n\n1\n\n3\n");
    assertThat(rows(f)).containsExactly(List.of(1L), Arrays.asList((Object) null), List.of(3L));
    assertThat(count(f)).isEqualTo(3);
  }

  @Test
  void leadingBlankLinesComeBeforeTheHeaderInOneColumnTablesToo() {
    CsvDataFile f = file("lead.csv", "\n\r\nn\n1\n\n2\r");
    assertThat(f.schema().column(0).name()).isEqualTo("n");
    assertThat(rows(f)).containsExactly(List.of(1L), Arrays.asList((Object) null), List.of(2L));
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
