package dev.bucketsql.calcite.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.DuckDbStrings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine calls {@link DuckDbStrings}' functions directly ({@link FunctionTranslator#direct}):
 * every public one is covered, and each gives what the reflective call gives, values and errors
 * alike, over strings with characters outside the Basic Multilingual Plane, NULLs and counts of
 * every sign.
 */
class DirectStringCallsTest {
  private static final String[] STRINGS = {
    "",
    "a",
    "abc",
    "Zürich",
    "日本語",
    "a\uD83D\uDE00b",
    "\uD83D\uDE00\uD83D\uDE00",
    "+31 555 0101",
    null
  };
  private static final Long[] COUNTS = {
    null, 0L, 1L, 2L, 3L, -1L, -2L, 7L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1
  };

  @Test
  void callsEveryFunctionAsReflectionDoes() throws Exception {
    Random random = new Random(23);
    int methods = 0;
    for (Method method : DuckDbStrings.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      methods++;
      Function<Object[], Object> direct = FunctionTranslator.direct(method);
      assertThat(direct).as("%s is called directly", method).isNotNull();
      Class<?>[] params = method.getParameterTypes();
      for (int round = 0; round < 500; round++) {
        Object[] args = new Object[params.length];
        for (int i = 0; i < args.length; i++) {
          args[i] =
              params[i] == String.class
                  ? STRINGS[random.nextInt(STRINGS.length)]
                  : COUNTS[random.nextInt(COUNTS.length)];
        }
        assertThat(outcome(() -> direct.apply(args.clone())))
            .as("%s%s", method.getName(), java.util.Arrays.toString(args))
            .isEqualTo(outcome(() -> reflect(method, args.clone())));
      }
    }
    assertThat(methods).isGreaterThanOrEqualTo(11);
  }

  private static Object reflect(Method method, Object[] args) {
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value, or the class and message of what was thrown. */
  private static String outcome(java.util.function.Supplier<Object> call) {
    try {
      return "value " + Objects.toString(call.get());
    } catch (RuntimeException e) {
      return "thrown " + e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
