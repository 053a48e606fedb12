package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's PIVOT and UNPIVOT statements and the standard {@code PIVOT (... FOR k IN (...))} and
 * {@code UNPIVOT (v FOR n IN (...))} over the sample tables, from the forms DuckDB's documentation
 * shows. Column names and types are compared in {@link PivotTest}.
 */
final class PivotQueries {
  private PivotQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "pivot on a column using an aggregate, grouped",
              "PIVOT RAW_interactions_clean ON rating USING count(*) GROUP BY recipe_id ORDER BY recipe_id"),
          SqlCase.of(
              "pivot without USING counts, grouped by the other columns", "PIVOT nulls ON label"),
          SqlCase.of(
              "pivot without GROUP BY groups by the unnamed columns",
              "PIVOT nulls ON label USING sum(score)"),
          SqlCase.ordered(
              "pivot with IN values, one of them absent",
              "PIVOT RAW_recipes_clean ON year IN (2002, 2003, 1990) USING avg(minutes) GROUP BY n_steps ORDER BY n_steps"),
          SqlCase.ordered(
              "pivot with string IN values",
              "PIVOT nulls ON label IN ('b', 'a', 'zz') USING max(id) GROUP BY score ORDER BY score NULLS FIRST"),
          SqlCase.ordered(
              "pivot with two aggregates, one aliased",
              "PIVOT RAW_recipes_clean ON year USING count(*) AS n, max(n_ingredients) GROUP BY n_steps ORDER BY n_steps"),
          SqlCase.of(
              "pivot on two columns", "PIVOT nulls ON label, score USING sum(id) GROUP BY id"),
          SqlCase.of(
              "pivot on an expression",
              "PIVOT RAW_recipes_clean ON n_steps % 3 USING min(name) GROUP BY year"),
          SqlCase.of(
              "pivot with the first date of each rating",
              "PIVOT RAW_interactions_clean ON rating USING min(date)"),
          SqlCase.of(
              "pivot over a subquery",
              "PIVOT (SELECT * FROM nulls WHERE id > 1) ON label USING sum(id)"),
          SqlCase.of(
                  "pivot over a file reference",
                  "PIVOT 's3://sqltests/PP_recipes.csv' ON calorie_level USING count(*) AS n, max(id) AS m GROUP BY i")
              .duck(
                  "PIVOT '$DIR/PP_recipes.csv' ON calorie_level USING count(*) AS n, max(id) AS m GROUP BY i"),
          SqlCase.of(
              "pivot in a CTE",
              "WITH p AS (PIVOT nulls ON label USING max(id)) SELECT * FROM p WHERE a IS NOT NULL"),
          SqlCase.ordered(
              "pivot in a subquery with an outer expression",
              "SELECT score, coalesce(a, 0) + coalesce(b, 0) AS ab FROM (PIVOT nulls ON label USING max(id) GROUP BY score) p"
                  + " ORDER BY score NULLS LAST"),
          SqlCase.of(
              "pivot of no rows gives the groups alone",
              "PIVOT (SELECT * FROM nulls WHERE id > 100) ON label USING sum(score) GROUP BY id"),
          SqlCase.of(
              "pivot on a column of NULLs gives the groups alone",
              "PIVOT (SELECT id, CAST(NULL AS VARCHAR) AS k FROM nulls) ON k GROUP BY id"),
          SqlCase.of(
              "pivot without ON is an aggregate",
              "PIVOT nulls USING max(id), count(*) AS n GROUP BY label"),
          SqlCase.ordered(
              "standard pivot",
              "SELECT * FROM (SELECT recipe_id, rating FROM RAW_interactions_clean) PIVOT (count(*) FOR rating IN (4, 5))"
                  + " ORDER BY recipe_id"),
          SqlCase.of(
              "standard pivot with two aggregates and an aliased value",
              "SELECT * FROM nulls PIVOT (sum(score) AS s, count(*) AS c FOR label IN ('a', 'b' AS bee))"),
          SqlCase.of(
              "unpivot into name and value",
              "UNPIVOT RAW_recipes_clean ON calories, total_fat, sugar INTO NAME nutrient VALUE amount"),
          SqlCase.of(
              "unpivot with the default names",
              "UNPIVOT (SELECT id, minutes, n_steps FROM RAW_recipes_clean) ON minutes, n_steps"),
          SqlCase.of("unpivot drops NULL values", "UNPIVOT nulls ON id, score INTO NAME n VALUE v"),
          SqlCase.ordered(
              "unpivot then aggregate",
              "SELECT nutrient, round(avg(amount), 6) AS a, count(*) AS n FROM (UNPIVOT RAW_recipes_clean ON protein, sodium"
                  + " INTO NAME nutrient VALUE amount) u GROUP BY nutrient ORDER BY nutrient"),
          SqlCase.of("standard unpivot", "SELECT * FROM nulls UNPIVOT (v FOR n IN (id, score))"),
          SqlCase.of(
              "pivot using expressions inside and around one aggregate",
              "PIVOT nulls ON label USING sum(score * 2), count(*) + 1 GROUP BY score"),
          SqlCase.of(
              "pivot using an aliased expression of an aggregate",
              "PIVOT nulls ON label USING coalesce(sum(score), 0) AS s, max(id - 1) GROUP BY score"),
          SqlCase.of(
              "pivot using ordered aggregates",
              "PIVOT nulls ON label USING first(id ORDER BY id DESC) AS f, last(score ORDER BY id) AS l GROUP BY score"),
          SqlCase.of(
              "pivot of recipes using expressions",
              "PIVOT RAW_recipes_clean ON year IN (2002, 2003) USING max(n_steps * 2), sum(n_steps) + 1"
                  + " GROUP BY n_ingredients"));
}
