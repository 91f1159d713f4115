package dev.hindsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** Prints query results and job summaries: an aligned table, CSV (RFC 4180) or JSON lines. */
final class Output {
  enum Format { table, csv, json }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Output() {}

  static void summary(PrintWriter out, String title, Map<String, Object> values) {
    out.println(title + ":");
    int w = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    values.forEach((k, v) -> out.printf("  %-" + w + "s  %s%n", k, v));
    out.flush();
  }

  /** Rows the table format shows when no --limit is given. */
  static final int TABLE_ROWS = 1000;

  /**
   * Prints the rows of {@code df}: at most {@code limit} when given; otherwise every row in the machine formats
   * (csv, json: an export never loses rows without a word; streamed, not collected) and the first
   * {@link #TABLE_ROWS} in the table format, which then says how many rows it did not show.
   */
  static void print(PrintWriter out, Dataset<Row> df, Format format, Integer limit) {
    StructField[] fields = df.schema().fields();
    Integer cap = limit != null ? limit : format == Format.table ? Integer.valueOf(TABLE_ROWS) : null;
    java.util.Iterator<Row> it = cap == null ? df.toLocalIterator() : df.limit(cap + 1).collectAsList().iterator();
    int printed = 0;
    boolean more = false;
    List<List<String>> cells = new ArrayList<>();
    if (format == Format.csv) {
      List<String> header = new ArrayList<>();
      for (StructField f : fields) {
        header.add(csvCell(f.name()));
      }
      out.println(String.join(",", header));
    }
    while (it.hasNext()) {
      Row r = it.next();
      if (cap != null && printed == cap) {
        more = true;
        break;
      }
      printed++;
      switch (format) {
        case json -> {
          ObjectNode o = JSON.createObjectNode();
          for (int i = 0; i < fields.length; i++) {
            o.set(fields[i].name(), JSON.valueToTree(jsonValue(r.get(i))));
          }
          out.println(o.toString());
        }
        case csv -> {
          List<String> row = new ArrayList<>();
          for (int i = 0; i < fields.length; i++) {
            row.add(r.isNullAt(i) ? "" : csvCell(text(r.get(i))));
          }
          out.println(String.join(",", row));
        }
        case table -> {
          List<String> c = new ArrayList<>();
          for (int i = 0; i < fields.length; i++) {
            c.add(r.isNullAt(i) ? "NULL" : text(r.get(i)));
          }
          cells.add(c);
        }
      }
    }
    if (format == Format.table) {
      List<String> header = new ArrayList<>();
      for (StructField f : fields) {
        header.add(f.name());
      }
      rows(out, header, cells);
      String shown = printed + (printed == 1 ? " row" : " rows");
      if (more) {
        long total = df.count();
        out.println(shown + " shown of " + total + " (" + (total - printed) + " not shown; --limit N shows more,"
            + " --format csv|json prints every row)");
      } else {
        out.println(shown);
      }
    }
    out.flush();
  }

  /** Prints a boxed text table of the given cells (each cell on one line). */
  static void rows(PrintWriter out, List<String> header, List<List<String>> cells) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
    }
    List<String[]> lines = new ArrayList<>();
    for (List<String> row : cells) {
      String[] c = new String[w.length];
      for (int i = 0; i < w.length; i++) {
        c[i] = oneLine(row.get(i));
        w[i] = Math.max(w[i], c[i].length());
      }
      lines.add(c);
    }
    StringBuilder sep = new StringBuilder("+");
    for (int x : w) {
      sep.append("-".repeat(x + 2)).append('+');
    }
    out.println(sep);
    StringBuilder head = new StringBuilder("|");
    for (int i = 0; i < w.length; i++) {
      head.append(' ').append(pad(header.get(i), w[i])).append(" |");
    }
    out.println(head);
    out.println(sep);
    for (String[] c : lines) {
      StringBuilder line = new StringBuilder("|");
      for (int i = 0; i < c.length; i++) {
        line.append(' ').append(pad(c[i], w[i])).append(" |");
      }
      out.println(line);
    }
    out.println(sep);
    out.flush();
  }

  private static Object jsonValue(Object v) {
    if (v instanceof Instant || v instanceof LocalDate || v instanceof java.sql.Timestamp || v instanceof java.sql.Date) {
      return v.toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return scala.jdk.javaapi.CollectionConverters.asJava(m);
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s);
    }
    if (v instanceof Row r) {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < r.length(); i++) {
        m.put(r.schema().fields()[i].name(), jsonValue(r.get(i)));
      }
      return m;
    }
    return v;
  }

  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof scala.collection.Map<?, ?> || v instanceof scala.collection.Seq<?> || v instanceof Row) {
      try {
        return JSON.writeValueAsString(jsonValue(v));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return v.toString();
      }
    }
    return v.toString();
  }

  private static String oneLine(String s) {
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() > 120 ? t.substring(0, 117) + "..." : t;
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static String csvCell(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
