package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob over object keys: {@code *} matches within one folder level, {@code **} across levels
 * ({@code **}{@code /} also matches no folder at all, so {@code a/**}{@code /*.csv} finds {@code
 * a/x.csv}), {@code ?} one character other than {@code /}, {@code [abc]}, {@code [a-z]} one of a
 * set and {@code [!abc]} (or {@code [^abc]}) one character outside it, {@code {a,b}} either
 * alternative (nesting allowed). Everything else matches itself.
 *
 * <p>Matching runs in time linear in the key's length times the glob's: the glob is compiled to a
 * small nondeterministic automaton (one state per glob character) whose set of live states is
 * advanced one key character at a time, as in Thompson's construction. A backtracking regular
 * expression would take exponential time on globs such as {@code **a**a**a...b}.
 */
final class KeyGlob {
  private static final int CHAR = 0;
  private static final int ANY = 1;
  private static final int ANY_BUT_SLASH = 2;
  private static final int SET = 3;
  private static final int SPLIT = 4;
  private static final int MATCH = 5;

  private final String glob;
  private final List<State> states = new ArrayList<>();
  private final int start;

  private KeyGlob(String glob) {
    this.glob = glob;
    int match = add(new State(MATCH, (char) 0, null, false, -1, -1));
    Parser parser = new Parser(glob);
    List<List<Object>> alternatives = parser.alternatives(false);
    if (alternatives.size() != 1) {
      throw new IllegalStateException("top-level alternatives");
    }
    this.start = sequence(alternatives.get(0), match);
  }

  /** The glob, compiled. */
  static KeyGlob compile(String glob) {
    requireNonNull(glob, "glob is null");
    return new KeyGlob(glob);
  }

  /** Whether {@code s} holds glob syntax. */
  static boolean isGlob(String s) {
    return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** The glob as written. */
  String glob() {
    return glob;
  }

  /** Whether the whole of {@code key} matches. */
  boolean matches(String key) {
    int n = states.size();
    int[] current = new int[n];
    int[] next = new int[n];
    int[] seen = new int[n];
    int[] stack = new int[2 * n + 2]; // each split pushes two states, once per step
    int generation = 1;
    int count = close(start, current, 0, seen, generation, stack);
    for (int i = 0; i < key.length() && count > 0; i++) {
      char c = key.charAt(i);
      generation++;
      int nextCount = 0;
      for (int k = 0; k < count; k++) {
        State s = states.get(current[k]);
        if (consumes(s, c)) {
          nextCount = close(s.out, next, nextCount, seen, generation, stack);
        }
      }
      int[] swap = current;
      current = next;
      next = swap;
      count = nextCount;
    }
    for (int k = 0; k < count; k++) {
      if (states.get(current[k]).kind == MATCH) {
        return true;
      }
    }
    return false;
  }

  private static boolean consumes(State s, char c) {
    return switch (s.kind) {
      case CHAR -> s.c == c;
      case ANY -> true;
      case ANY_BUT_SLASH -> c != '/';
      case SET -> c != '/' && s.inSet(c);
      default -> false;
    };
  }

  /**
   * Adds {@code state} and every state reachable from it without input; iterative, so deep globs
   * cannot overflow.
   */
  private int close(int state, int[] into, int count, int[] seen, int generation, int[] stack) {
    int top = 0;
    stack[top++] = state;
    while (top > 0) {
      int s = stack[--top];
      if (seen[s] == generation) {
        continue;
      }
      seen[s] = generation;
      State st = states.get(s);
      if (st.kind == SPLIT) {
        // the second branch is pushed first so that the first is explored first
        stack[top++] = st.out2;
        stack[top++] = st.out;
      } else {
        into[count++] = s;
      }
    }
    return count;
  }

  private int add(State s) {
    states.add(s);
    return states.size() - 1;
  }

  /** Builds the items backwards, each leading to {@code next}; returns the first state. */
  @SuppressWarnings("unchecked")
  private int sequence(List<Object> items, int next) {
    int at = next;
    for (int i = items.size() - 1; i >= 0; i--) {
      Object item = items.get(i);
      if (item instanceof Character c) {
        at = add(new State(CHAR, c, null, false, at, -1));
      } else if (item instanceof Star star) {
        int loop = add(new State(SPLIT, (char) 0, null, false, -1, at));
        int body = add(new State(star.deep ? ANY : ANY_BUT_SLASH, (char) 0, null, false, loop, -1));
        states.set(loop, new State(SPLIT, (char) 0, null, false, body, at));
        if (star.folders) {
          // "**/" also matches no folder: either skip it all or match "**" then "/"
          int slash = add(new State(CHAR, '/', null, false, at, -1));
          states.set(loop, new State(SPLIT, (char) 0, null, false, body, slash));
          at = add(new State(SPLIT, (char) 0, null, false, loop, at));
        } else {
          at = loop;
        }
      } else if (item instanceof CharSet set) {
        at = add(new State(SET, (char) 0, set.ranges, set.negated, at, -1));
      } else if (item instanceof Alternatives alt) {
        int first = -1;
        for (int a = alt.options.size() - 1; a >= 0; a--) {
          int branch = sequence(alt.options.get(a), at);
          first = first < 0 ? branch : add(new State(SPLIT, (char) 0, null, false, branch, first));
        }
        at = first;
      } else if (item == ANY_ONE) {
        at = add(new State(ANY_BUT_SLASH, (char) 0, null, false, at, -1));
      } else {
        throw new IllegalStateException(String.valueOf(item));
      }
    }
    return at;
  }

  private static final Object ANY_ONE = new Object();

  /** {@code *} (deep: {@code **}; folders: {@code **}{@code /}, whose slash it takes). */
  private record Star(boolean deep, boolean folders) {}

  /** Character ranges, inclusive pairs. */
  private record CharSet(char[] ranges, boolean negated) {}

  private record Alternatives(List<List<Object>> options) {}

  private record State(int kind, char c, char[] ranges, boolean negated, int out, int out2) {
    boolean inSet(char ch) {
      boolean in = false;
      for (int i = 0; i < ranges.length && !in; i += 2) {
        in = ch >= ranges[i] && ch <= ranges[i + 1];
      }
      return in != negated;
    }
  }

  /** Reads the glob into items: characters, stars, sets and alternatives. */
  private static final class Parser {
    private final String glob;
    private int i;

    Parser(String glob) {
      this.glob = glob;
    }

    /** Alternatives up to the closing brace (inside braces) or the end. */
    List<List<Object>> alternatives(boolean inBraces) {
      List<List<Object>> options = new ArrayList<>();
      List<Object> items = new ArrayList<>();
      while (i < glob.length()) {
        char c = glob.charAt(i++);
        switch (c) {
          case '*' -> {
            boolean deep = i < glob.length() && glob.charAt(i) == '*';
            // "***" and longer runs are one deep star
            while (deep && i < glob.length() && glob.charAt(i) == '*') {
              i++;
            }
            boolean atSegmentStart = items.isEmpty() || items.get(items.size() - 1).equals('/');
            boolean folders = deep && atSegmentStart && i < glob.length() && glob.charAt(i) == '/';
            if (folders) {
              i++;
            }
            items.add(new Star(deep, folders));
          }
          case '?' -> items.add(ANY_ONE);
          case '[' -> items.add(set());
          case '{' -> items.add(new Alternatives(alternatives(true)));
          case ',' -> {
            if (inBraces) {
              options.add(items);
              items = new ArrayList<>();
            } else {
              items.add(c);
            }
          }
          case '}' -> {
            if (inBraces) {
              options.add(items);
              return options;
            }
            items.add(c);
          }
          default -> items.add(c);
        }
      }
      if (inBraces) {
        throw new IllegalArgumentException("unclosed '{' in glob '" + glob + "'");
      }
      options.add(items);
      return options;
    }

    private Object set() {
      int end =
          glob.indexOf(
              ']',
              i + 1 < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')
                  ? i + 2
                  : i + 1);
      if (end < 0) {
        return '[';
      }
      String body = glob.substring(i, end);
      i = end + 1;
      boolean negated = body.startsWith("!") || body.startsWith("^");
      if (negated) {
        body = body.substring(1);
      }
      List<Character> ranges = new ArrayList<>();
      for (int k = 0; k < body.length(); k++) {
        char lo = body.charAt(k);
        if (lo == '\\' && k + 1 < body.length()) {
          lo = body.charAt(++k);
        }
        char hi = lo;
        if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
          hi = body.charAt(k + 2);
          k += 2;
        }
        ranges.add(lo);
        ranges.add(hi);
      }
      char[] r = new char[ranges.size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = ranges.get(k);
      }
      return new CharSet(r, negated);
    }
  }
}
