package dev.bucketsql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * The one walk over a failure's causal chain: through {@code getCause}, the exception inside an
 * {@link ExceptionInInitializerError} and an {@link InvocationTargetException}, ending at a cycle.
 */
class CausesTest {
  @Test
  void predicatesAndTypesSeeThroughEveryWrapper() {
    ConnectException refused = new ConnectException("Connection refused");
    Throwable chain =
        new RuntimeException(
            "outer",
            new InvocationTargetException(
                new ExceptionInInitializerError(
                    new UncheckedIOException(new IOException("io", refused)))));
    assertThat(Causes.find(chain, ConnectException.class)).isSameAs(refused);
    assertThat(Causes.any(chain, t -> t instanceof ConnectException)).isTrue();
    assertThat(Causes.any(chain, t -> t instanceof IllegalStateException)).isFalse();
    assertThat(Causes.find(chain, t -> "io".equals(t.getMessage())))
        .isInstanceOf(IOException.class);
    assertThat(Causes.root(chain)).isSameAs(refused);
    assertThat(Causes.rootMessage(chain)).isEqualTo("Connection refused");
    assertThat(Causes.rootMessage(new RuntimeException(new IllegalStateException())))
        .isEqualTo("IllegalStateException");
  }

  @Test
  void aCycleEndsTheWalk() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(Causes.any(a, t -> t instanceof IOException)).isFalse();
    assertThat(Causes.root(a)).isSameAs(b);
  }
}
