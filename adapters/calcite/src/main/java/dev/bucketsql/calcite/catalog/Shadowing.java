package dev.bucketsql.calcite.catalog;

import java.util.List;

/** The remark that tells a BI user which other keys map to a table's name. */
final class Shadowing {
  private Shadowing() {}

  static String note(List<String> shadowed) {
    if (shadowed.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("; also named so, reachable by exact key: ");
    for (int i = 0; i < shadowed.size(); i++) {
      s.append(i == 0 ? "" : ", ").append('"').append(shadowed.get(i)).append('"');
    }
    return s.toString();
  }
}
