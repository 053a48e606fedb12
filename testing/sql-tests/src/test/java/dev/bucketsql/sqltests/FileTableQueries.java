package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's files as tables ({@code FROM 's3://...'}, {@code read_csv}, {@code read_parquet}, globs,
 * lists of paths), checked against DuckDB reading the same local files: in DuckDB's text, {@code
 * $DIR} stands for the local folder holding the bucket's copies.
 */
final class FileTableQueries {
  private FileTableQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
                  "file literal count", "SELECT COUNT(*) AS n FROM 's3://sqltests/PP_recipes.csv'")
              .duck("SELECT COUNT(*) AS n FROM '$DIR/PP_recipes.csv'"),
          SqlCase.ordered(
                  "relative key with alias and filter",
                  "SELECT p.calorie_level, COUNT(*) AS n FROM 'PP_recipes.csv' p WHERE p.id > 1000"
                      + " GROUP BY 1 ORDER BY 1")
              .duck(
                  "SELECT p.calorie_level, COUNT(*) AS n FROM '$DIR/PP_recipes.csv' p WHERE p.id > 1000"
                      + " GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
                  "file literal gets the file name as alias",
                  "SELECT MAX(PP_recipes.id) AS m FROM 's3://sqltests/PP_recipes.csv'")
              .duck("SELECT MAX(PP_recipes.id) AS m FROM '$DIR/PP_recipes.csv'"),
          SqlCase.of(
                  "read_csv with options",
                  "SELECT COUNT(*) AS n, SUM(score) AS s, COUNT(label) AS l"
                      + " FROM read_csv('s3://sqltests/nulls.csv', header = true, delim = ',')")
              .duck(
                  "SELECT COUNT(*) AS n, SUM(score) AS s, COUNT(label) AS l"
                      + " FROM read_csv('$DIR/nulls.csv', header = true, delim = ',')"),
          SqlCase.of(
                  "read_csv types",
                  "SELECT SUM(id) AS s, MIN(label) AS m FROM read_csv('nulls.csv', types = {'id': 'BIGINT'})")
              .duck(
                  "SELECT SUM(id) AS s, MIN(label) AS m FROM read_csv('$DIR/nulls.csv', types = {'id': 'BIGINT'})"),
          SqlCase.ordered(
                  "read_csv columns names and types every column",
                  "SELECT a, b + 1 AS b1, c FROM read_csv('nulls.csv', header = true,"
                      + " columns = {'a': 'BIGINT', 'b': 'DOUBLE', 'c': 'VARCHAR'}) ORDER BY a")
              .duck(
                  "SELECT a, b + 1 AS b1, c FROM read_csv('$DIR/nulls.csv', header = true,"
                      + " columns = {'a': 'BIGINT', 'b': 'DOUBLE', 'c': 'VARCHAR'}) ORDER BY a"),
          SqlCase.of(
                  "read_csv_auto and the function name as alias",
                  "SELECT COUNT(*) AS n, MAX(read_csv_auto.rating) AS r"
                      + " FROM read_csv_auto('s3://sqltests/interactions_test.csv')")
              .duck(
                  "SELECT COUNT(*) AS n, MAX(read_csv_auto.rating) AS r"
                      + " FROM read_csv_auto('$DIR/interactions_test.csv')"),
          SqlCase.of(
                  "read_parquet with a pushed filter",
                  "SELECT COUNT(*) AS n, AVG(rating) AS a"
                      + " FROM read_parquet('s3://sqltests/RAW_interactions_clean.parquet')"
                      + " WHERE \"date\" >= DATE '2018-01-01'")
              .duck(
                  "SELECT COUNT(*) AS n, AVG(rating) AS a FROM read_parquet('$DIR/RAW_interactions_clean.parquet')"
                      + " WHERE \"date\" >= DATE '2018-01-01'"),
          SqlCase.of(
                  "parquet_scan",
                  "SELECT MIN(id) AS lo, MAX(id) AS hi FROM parquet_scan('RAW_recipes_clean.parquet')")
              .duck(
                  "SELECT MIN(id) AS lo, MAX(id) AS hi FROM parquet_scan('$DIR/RAW_recipes_clean.parquet')"),
          SqlCase.of(
                  "parquet glob by name",
                  "SELECT COUNT(*) AS n, COUNT(rating) AS r, COUNT(minutes) AS m"
                      + " FROM read_parquet('s3://sqltests/RAW_*_clean.parquet', union_by_name = true)")
              .duck(
                  "SELECT COUNT(*) AS n, COUNT(rating) AS r, COUNT(minutes) AS m"
                      + " FROM read_parquet('$DIR/RAW_*_clean.parquet', union_by_name = true)"),
          SqlCase.of(
                  "list of paths",
                  "SELECT COUNT(*) AS n FROM read_parquet(['s3://sqltests/RAW_recipes_clean.parquet',"
                      + " 'RAW_interactions_clean.parquet'], union_by_name = true)")
              .duck(
                  "SELECT COUNT(*) AS n FROM read_parquet(['$DIR/RAW_recipes_clean.parquet',"
                      + " '$DIR/RAW_interactions_clean.parquet'], union_by_name = true)"),
          SqlCase.ordered(
                  "csv glob with filename",
                  "SELECT COUNT(*) AS n, COUNT(DISTINCT filename) AS f, SUM(rating) AS s"
                      + " FROM read_csv('s3://sqltests/interactions_[tv]*.csv', filename = true)")
              .duck(
                  "SELECT COUNT(*) AS n, COUNT(DISTINCT filename) AS f, SUM(rating) AS s"
                      + " FROM read_csv('$DIR/interactions_[tv]*.csv', filename = true)"),
          SqlCase.of(
                  "file literal glob",
                  "SELECT COUNT(*) AS n FROM 's3://sqltests/interactions_*.csv'")
              .duck("SELECT COUNT(*) AS n FROM '$DIR/interactions_*.csv'"),
          SqlCase.of(
                  "join of file references",
                  "SELECT COUNT(*) AS n, AVG(r.minutes) AS m FROM 's3://sqltests/interactions_train.csv' i"
                      + " JOIN read_parquet('RAW_recipes_clean.parquet') r ON i.recipe_id = r.id")
              .duck(
                  "SELECT COUNT(*) AS n, AVG(r.minutes) AS m FROM '$DIR/interactions_train.csv' i"
                      + " JOIN read_parquet('$DIR/RAW_recipes_clean.parquet') r ON i.recipe_id = r.id"),
          SqlCase.of(
                  "file reference in a subquery and a comma join",
                  "SELECT COUNT(*) AS n FROM (SELECT id FROM 'PP_recipes.csv' WHERE calorie_level = 2) a,"
                      + " 's3://sqltests/nulls.csv' b WHERE a.id < 100000 AND b.id = 1")
              .duck(
                  "SELECT COUNT(*) AS n FROM (SELECT id FROM '$DIR/PP_recipes.csv' WHERE calorie_level = 2) a,"
                      + " '$DIR/nulls.csv' b WHERE a.id < 100000 AND b.id = 1"));
}
