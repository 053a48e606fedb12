package dev.bucketsql.parquet;

import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A Parquet file with every nested shape writers produce (three-level and legacy two-level lists,
 * bare repeated fields, maps, legacy MAP_KEY_VALUE, structs, lists of lists and of structs) and
 * nulls at every level, with the rows it must read back as.
 */
final class ParquetNestedFiles {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message nested {\n"
              + "  required int64 id;\n"
              + "  optional group tags (LIST) { repeated group list { optional binary element"
              + " (STRING); } }\n"
              + "  optional group scores (LIST) { repeated int32 array; }\n"
              + "  optional group points (LIST) { repeated group array { required int32 x;"
              + " required int32 y; } }\n"
              + "  required group pairs (LIST) { repeated group pairs_tuple { required binary k"
              + " (STRING); } }\n"
              + "  repeated int32 legacy_steps;\n"
              + "  optional group attrs (MAP) { repeated group key_value { required binary key"
              + " (STRING); optional int32 value; } }\n"
              + "  optional group old_map (MAP) { repeated group map (MAP_KEY_VALUE) { required"
              + " int32 key; required binary value (STRING); } }\n"
              + "  optional group author { optional binary name (STRING); optional int32 age;"
              + " optional group address { optional binary city (STRING); } repeated binary"
              + " aliases (STRING); }\n"
              + "  optional group matrix (LIST) { repeated group list { optional group element"
              + " (LIST) { repeated group list { optional double element; } } } }\n"
              + "  optional group events (LIST) { repeated group list { optional group element {"
              + " required int64 at (TIMESTAMP(MILLIS,true)); optional int32 day (DATE); } } }\n"
              + "  optional binary name (STRING);\n"
              + "}");

  private ParquetNestedFiles() {}

  /** Row {@code i} as written. */
  static Group row(SimpleGroupFactory factory, int i) {
    int k = i % 4;
    Group g = factory.newGroup().append("id", (long) i);
    if (k != 0) {
      Group tags = g.addGroup("tags");
      if (k == 2) {
        tags.addGroup("list").append("element", "a" + i);
        tags.addGroup("list");
        tags.addGroup("list").append("element", "b");
      } else if (k == 3) {
        tags.addGroup("list").append("element", "t" + i);
      }
      Group scores = g.addGroup("scores");
      if (k > 1) {
        scores.append("array", i).append("array", i + 1);
      }
    }
    if (k != 3) {
      Group points = g.addGroup("points");
      for (int j = 0; j < k; j++) {
        points.addGroup("array").append("x", i).append("y", j);
      }
    }
    Group pairs = g.addGroup("pairs");
    if (k != 0) {
      pairs.addGroup("pairs_tuple").append("k", "p" + i);
    }
    for (int j = 0; j < k; j++) {
      g.append("legacy_steps", i + j);
    }
    if (k != 0) {
      Group attrs = g.addGroup("attrs");
      if (k == 2) {
        attrs.addGroup("key_value").append("key", "x").append("value", i);
        attrs.addGroup("key_value").append("key", "nil");
      } else if (k == 3) {
        attrs.addGroup("key_value").append("key", "y").append("value", -i);
      }
    }
    g.addGroup("old_map").addGroup("map").append("key", i).append("value", "v" + i);
    if (k != 0) {
      Group author = g.addGroup("author");
      if (k >= 2) {
        author.append("name", "n" + i).append("age", i);
        Group address = author.addGroup("address");
        if (k == 3) {
          address.append("city", "c" + i);
          author.append("aliases", "a").append("aliases", "b");
        } else {
          author.append("aliases", "x");
        }
      }
    }
    if (k != 1) {
      Group matrix = g.addGroup("matrix");
      if (k == 0) {
        Group first = matrix.addGroup("list").addGroup("element");
        first.addGroup("list").append("element", 1.5);
        first.addGroup("list");
        matrix.addGroup("list").addGroup("element");
        matrix.addGroup("list");
      } else if (k == 3) {
        matrix.addGroup("list").addGroup("element").addGroup("list").append("element", (double) i);
      }
    }
    if (k % 2 == 0) {
      Group events = g.addGroup("events");
      events.addGroup("list").addGroup("element").append("at", 1000L * i).append("day", i);
      events.addGroup("list");
    }
    if (i % 5 != 0) {
      g.append("name", "r" + i);
    }
    return g;
  }

  /** Row {@code i} as it must be read: lists, maps and {@code Object[]} structs. */
  static Object[] expected(int i) {
    int k = i % 4;
    Object tags =
        k == 0 ? null : k == 1 ? List.of() : k == 2 ? list("a" + i, null, "b") : list("t" + i);
    Object scores = k == 0 ? null : k == 1 ? List.of() : list(i, i + 1);
    Object points = null;
    if (k != 3) {
      List<Object> p = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        p.add(new Object[] {i, j});
      }
      points = p;
    }
    Object pairs = k == 0 ? List.of() : list((Object) new Object[] {"p" + i});
    List<Object> steps = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      steps.add(i + j);
    }
    Map<Object, Object> attrs = null;
    if (k != 0) {
      attrs = new LinkedHashMap<>();
      if (k == 2) {
        attrs.put("x", i);
        attrs.put("nil", null);
      } else if (k == 3) {
        attrs.put("y", -i);
      }
    }
    Map<Object, Object> oldMap = new LinkedHashMap<>();
    oldMap.put(i, "v" + i);
    Object author =
        k == 0
            ? null
            : k == 1
                ? new Object[] {null, null, null, List.of()}
                : k == 2
                    ? new Object[] {"n" + i, i, new Object[] {null}, list("x")}
                    : new Object[] {"n" + i, i, new Object[] {"c" + i}, list("a", "b")};
    Object matrix =
        k == 1
            ? null
            : k == 0
                ? list(list(1.5, null), List.of(), null)
                : k == 2 ? List.of() : list(list((double) i));
    Object events = k % 2 == 0 ? list(new Object[] {1000L * i, i}, null) : null;
    String name = i % 5 != 0 ? "r" + i : null;
    return new Object[] {
      (long) i, tags, scores, points, pairs, steps, attrs, oldMap, author, matrix, events, name
    };
  }

  static List<Object> list(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  /** {@code value} with every {@code Object[]} inside turned into a list, for comparisons. */
  static Object deep(Object value) {
    if (value instanceof Object[] array) {
      List<Object> out = new ArrayList<>();
      for (Object v : array) {
        out.add(deep(v));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object v : list) {
        out.add(deep(v));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(deep(k), deep(v)));
      return out;
    }
    return value;
  }

  /** A store on {@code bucket} of the test server, through the real S3 store and SDK. */
  static S3ObjectStore store(S3TestServer server, String bucket) {
    return ParquetS3Stores.store(server, bucket);
  }
}
