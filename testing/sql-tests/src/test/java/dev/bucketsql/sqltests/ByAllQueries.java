package dev.bucketsql.sqltests;

import java.util.List;

/** DuckDB's GROUP BY ALL and ORDER BY ALL, checked against DuckDB. */
final class ByAllQueries {
  private ByAllQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "group by all, order by all",
              "SELECT calorie_level, COUNT(*) AS n, MAX(id) AS m FROM PP_recipes GROUP BY ALL ORDER BY ALL"),
          SqlCase.ordered(
              "group by all over expressions",
              "SELECT year(date) AS y, rating, COUNT(*) AS n, AVG(user_id) + 1 AS a FROM RAW_interactions"
                  + " GROUP BY ALL ORDER BY 1, 2"),
          SqlCase.ordered(
              "order by all desc with limit",
              "SELECT rating, recipe_id FROM RAW_interactions_clean ORDER BY ALL DESC LIMIT 20"),
          SqlCase.of(
              "group by all without keys",
              "SELECT COUNT(*) AS n, SUM(rating) AS s FROM RAW_interactions GROUP BY ALL"),
          SqlCase.ordered(
              "group by all in a subquery with having",
              "SELECT label, n FROM (SELECT label, COUNT(*) AS n FROM nulls GROUP BY ALL HAVING COUNT(*) > 1) t"
                  + " ORDER BY ALL NULLS FIRST"),
          SqlCase.ordered(
                  "group by all over a file reference",
                  "SELECT calorie_level, COUNT(*) FROM 's3://sqltests/PP_recipes.csv' GROUP BY ALL ORDER BY ALL")
              .duck(
                  "SELECT calorie_level, COUNT(*) FROM '$DIR/PP_recipes.csv' GROUP BY ALL ORDER BY ALL"));
}
