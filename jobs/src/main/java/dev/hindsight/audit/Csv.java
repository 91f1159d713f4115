package dev.hindsight.audit;

import java.util.List;

/**
 * RFC 4180 lines: a field is quoted when it holds a comma, quote, CR, LF or edge spaces, or is empty (so an empty
 * string "" differs from a missing value, which is written as nothing). Lines end with LF.
 */
public final class Csv {
  private Csv() {}

  public static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String v = cells.get(i);
      if (v == null) {
        continue;
      }
      if (v.isEmpty() || needsQuotes(v)) {
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        out.append(v);
      }
    }
    out.append('\n');
  }

  private static boolean needsQuotes(String v) {
    if (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
