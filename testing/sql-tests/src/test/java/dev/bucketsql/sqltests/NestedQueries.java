package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Subscripts of nested Parquet columns ({@link NestedParquetFile}): struct fields by name as DuckDB
 * users type them, {@code s['f']}, nested and mixed with dots, in SELECT, WHERE, GROUP BY, joins
 * and over NULL structs, next to the dotted {@code t.s.f}; and list and map subscripts.
 */
final class NestedQueries {
  private NestedQueries() {}

  /** Every nested-column query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "struct subscript is the field",
              "SELECT id, author['name'] AS a, t.author.name AS b, author['Age'] AS c, t.author.Age AS d"
                  + " FROM nested_recipes t ORDER BY id"),
          SqlCase.ordered(
              "struct subscript matches names as dots do",
              "SELECT id, author['age'] AS a, author['NAME'] AS b, t.author.age AS c, point['X'] AS d"
                  + " FROM nested_recipes t ORDER BY id"),
          SqlCase.ordered(
              "nested struct subscripts",
              "SELECT id, author['address']['city'] AS a, author['address'].zip AS b,"
                  + " t.author.address['zip'] AS c, t.author.address.city AS d"
                  + " FROM nested_recipes t ORDER BY id"),
          SqlCase.ordered(
              "struct subscripts over NULL structs",
              "SELECT id, author IS NULL AS a, author['name'] IS NULL AS b, author['address'] IS NULL AS c,"
                  + " author['address']['city'] IS NULL AS d FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "subscripts of a NOT NULL struct",
              "SELECT id, point['x'] + point['y'] AS s, point['y'] * 2 AS y FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "struct subscript in WHERE",
              "SELECT id FROM nested_recipes WHERE author['name'] = 'ann' OR author['address']['zip'] > 69005"
                  + " ORDER BY id"),
          SqlCase.ordered(
              "struct subscript is NULL in WHERE",
              "SELECT id FROM nested_recipes WHERE author['address']['city'] IS NULL ORDER BY id"),
          SqlCase.of(
              "group by struct subscript",
              "SELECT author['name'] AS name, COUNT(*) AS n, AVG(author['Age']) AS age,"
                  + " MAX(author['address']['zip']) AS zip FROM nested_recipes GROUP BY author['name']"),
          SqlCase.ordered(
              "group by nested subscript, having and order by",
              "SELECT author['address']['city'] AS city, COUNT(*) AS n FROM nested_recipes GROUP BY 1"
                  + " HAVING COUNT(*) > 0 ORDER BY author['address']['city']"),
          SqlCase.ordered(
              "struct subscripts through a subquery",
              "WITH a AS (SELECT id, author FROM nested_recipes WHERE id > 2)"
                  + " SELECT id, author['name'] AS n, author['address']['city'] AS c FROM a"
                  + " WHERE author['Age'] > 25 ORDER BY id"),
          SqlCase.of(
              "join on struct subscripts",
              "SELECT a.id AS x, b.id AS y FROM nested_recipes a JOIN nested_recipes b"
                  + " ON a.author['name'] = b.author['name'] AND a.id < b.id"),
          SqlCase.ordered(
              "list and map subscripts",
              "SELECT id, tags[1] AS a, tags[2] AS b, attrs['kcal'] AS c, attrs['none'] AS d,"
                  + " attrs['missing'] AS e FROM nested_recipes ORDER BY id"));
}
