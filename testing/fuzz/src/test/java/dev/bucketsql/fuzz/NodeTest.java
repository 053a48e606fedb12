package dev.bucketsql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query trees: rendering per engine, and what the reducer may put in a node's place. */
class NodeTest {
  private static final Node COLUMN = Node.expr(TypeClass.INTEGER, "t1.\"k\"");

  @Test
  void rendersEachEnginesTemplate() {
    Node e =
        Node.expr(
            TypeClass.INTEGER,
            "f({0}, {1})",
            "g({1}, {0})",
            COLUMN,
            Node.expr(TypeClass.INTEGER, "2"));
    assertThat(e.render(false)).isEqualTo("f(t1.\"k\", 2)");
    assertThat(e.render(true)).isEqualTo("g(2, t1.\"k\")");
  }

  @Test
  void candidatesAreSameTypedSubexpressionsAndALiteral() {
    Node plus =
        Node.expr(
            TypeClass.INTEGER,
            "({0} + {1})",
            COLUMN,
            Node.expr(TypeClass.BIGINT, "length({0})", Node.expr(TypeClass.VARCHAR, "t1.\"s\"")));
    List<String> texts = new ArrayList<>();
    for (Node n : Reducer.candidates(plus)) {
      texts.add(n.render(false));
    }
    assertThat(texts).containsExactly("1", "t1.\"k\"", "length(t1.\"s\")");
  }

  @Test
  void optionalClausesDropAndListsKeepOneItem() {
    Node items = Node.list(", ", false, List.of(Node.fixed("a"), Node.fixed("b")));
    assertThat(Reducer.candidates(items))
        .extracting(n -> n.render(false))
        .containsExactly("b", "a");
    assertThat(Reducer.candidates(Node.optional(" WHERE x"))).containsExactly(Node.EMPTY);
    Node fixed = Node.list(", ", true, List.of(Node.fixed("a"), Node.fixed("b")));
    assertThat(Reducer.candidates(fixed)).isEmpty();
  }

  @Test
  void orderIsComparedOnlyWhileTheOrderByNamesEveryColumn() {
    Node items = Node.list(", ", false, List.of(Node.fixed("1 AS c0"), Node.fixed("2 AS c1")));
    Node order =
        new Node(
            Node.Role.OPTIONAL,
            FuzzQuery.TOTAL_ORDER,
            TypeClass.OTHER,
            " ORDER BY {0}",
            null,
            List.of(Node.list(", ", false, List.of(Node.fixed("c0"), Node.fixed("c1")))));
    Node query = Node.query(2, "SELECT {0}{1}", items, order);
    assertThat(new FuzzQuery(query).ordered()).isTrue();
    assertThat(new FuzzQuery(query).sql()).isEqualTo("SELECT 1 AS c0, 2 AS c1 ORDER BY c0, c1");
    Node partial = query.withKid(1, order.withKid(0, order.kids().get(0).withoutKid(1)));
    assertThat(new FuzzQuery(partial).ordered()).isFalse();
  }
}
