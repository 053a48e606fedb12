package dev.bucketsql.storage.s3;

/**
 * A {@code Content-Range: bytes FIRST-LAST/TOTAL} header ({@code TOTAL} may be {@code *}, then -1):
 * what part of which size of object a ranged answer carries.
 */
record ContentRange(long first, long last, long total) {
  /** The header parsed, or null when it is absent or not of that form. */
  static ContentRange parse(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes ", 0, 6)) {
      return null;
    }
    int dash = h.indexOf('-', 6);
    int slash = h.indexOf('/', 6);
    if (dash < 0 || slash < dash) {
      return null;
    }
    try {
      long first = Long.parseLong(h.substring(6, dash).strip());
      long last = Long.parseLong(h.substring(dash + 1, slash).strip());
      String t = h.substring(slash + 1).strip();
      long total = t.equals("*") ? -1 : Long.parseLong(t);
      return last < first ? null : new ContentRange(first, last, total);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Bytes the answer carries. */
  long length() {
    return last - first + 1;
  }
}
