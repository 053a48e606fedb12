package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MemberDeclaration;
import org.apache.calcite.runtime.ArrayBindable;
import org.junit.jupiter.api.Test;

/**
 * Which generated classes {@link CompiledPlans} shares: the same source text gives the same
 * compiled instance, other text its own class with its own answer, and a class with a static field
 * that could hold state is compiled anew each time.
 */
class CompiledPlansTest {
  @Test
  void theSameSourceIsCompiledOnce() {
    ClassDeclaration first = plan("same-" + System.nanoTime(), null);
    ClassDeclaration second = plan(value(first), null);
    ArrayBindable a = compile(first);
    ArrayBindable b = compile(second);
    assertThat(b).isSameAs(a);
    assertThat(rows(b)).containsExactly(value(first));
  }

  @Test
  void otherSourceIsAClassOfItsOwn() {
    ArrayBindable a = compile(plan("one-" + System.nanoTime(), null));
    ArrayBindable b = compile(plan("two-" + System.nanoTime(), null));
    assertThat(b).isNotSameAs(a);
    assertThat(rows(a).get(0)).startsWith("one-");
    assertThat(rows(b).get(0)).startsWith("two-");
  }

  @Test
  void aStaticFieldThatMayHoldStateIsNeverShared() {
    String text = "state-" + System.nanoTime();
    ClassDeclaration stateful =
        plan(
            text,
            Expressions.fieldDecl(
                Modifier.STATIC | Modifier.FINAL,
                Expressions.parameter(StringBuilder.class, "BUFFER"),
                Expressions.new_(StringBuilder.class)));
    assertThat(compile(stateful))
        .isNotSameAs(compile(plan(text, stateful.memberDeclarations.get(0))));
  }

  @Test
  void aStaticConstantIsShared() {
    String text = "constant-" + System.nanoTime();
    ClassDeclaration constant =
        plan(
            text,
            Expressions.fieldDecl(
                Modifier.STATIC | Modifier.FINAL,
                Expressions.parameter(long.class, "LIMIT"),
                Expressions.constant(42L)));
    assertThat(compile(constant)).isSameAs(compile(plan(text, constant.memberDeclarations.get(0))));
  }

  /** A generated class whose rows are one row of {@code value}, with {@code field} if not null. */
  private static ClassDeclaration plan(String value, MemberDeclaration field) {
    List<MemberDeclaration> members = new ArrayList<>();
    if (field != null) {
      members.add(field);
    }
    members.add(
        Expressions.methodDecl(
            Modifier.PUBLIC,
            Enumerable.class,
            "bind",
            List.of(Expressions.parameter(DataContext.class, "root")),
            Blocks.toFunctionBlock(
                Expressions.call(
                    Linq4j.class,
                    "singletonEnumerable",
                    Expressions.newArrayInit(Object.class, Expressions.constant(value))))));
    members.add(
        Expressions.methodDecl(
            Modifier.PUBLIC,
            Class.class,
            "getElementType",
            List.of(),
            Blocks.toFunctionBlock(Expressions.constant(Object[].class))));
    return Expressions.classDecl(Modifier.PUBLIC, "Baz", null, List.of(), members);
  }

  private static String value(ClassDeclaration plan) {
    String source = Expressions.toString(plan.memberDeclarations, "\n", false);
    int start = source.indexOf('"') + 1;
    return source.substring(start, source.indexOf('"', start));
  }

  private static ArrayBindable compile(ClassDeclaration plan) {
    return CompiledPlans.INSTANCE.compile(
        plan, Expressions.toString(plan.memberDeclarations, "\n", false));
  }

  private static List<String> rows(ArrayBindable bindable) {
    List<String> values = new ArrayList<>();
    for (Object[] row : bindable.bind(null)) {
      values.add(String.valueOf(row[0]));
    }
    return values;
  }
}
