package dev.hindsight.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.hindsight.lake.Lake;
import org.apache.spark.sql.Row;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of a Panther rule-test file (../shared/datasets/panther_analysis_rule_tests), written one per line
 * into files of a vendor's storage layout under a temporary folder, so a test ingests them as delivered.
 */
public final class PantherEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HOUR = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2})");

  private PantherEvents() {}

  /** The events of file, in order. */
  public static List<JsonNode> read(String file) {
    Path p = TestSpark.datasets().resolve("panther_analysis_rule_tests").resolve(file);
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line).get("event"));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** yyyy, MM, dd, HH of a time text, or null if it does not start with a date and an hour. */
  public static String[] hour(String time) {
    Matcher m = time == null ? null : HOUR.matcher(time);
    return m != null && m.find() ? new String[] {m.group(1), m.group(2), m.group(3), m.group(4)} : null;
  }

  /** Appends each event as one line to the file layout(event) names, relative to root. */
  public static void write(Path root, List<JsonNode> events, Function<JsonNode, String> layout) {
    try {
      for (JsonNode e : events) {
        Path f = root.resolve(layout.apply(e));
        Files.createDirectories(f.getParent());
        Files.writeString(f, JSON.writeValueAsString(e) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the first field present among names, matched ignoring case, or null. */
  public static String field(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = JsonFields.get(n, name);
      if (v != null && v.isTextual()) {
        return v.asText();
      }
    }
    return null;
  }

  /** quarantine rows by reason. */
  public static Map<String, Long> reasons(Lake lake) {
    lake.registerViews();
    return lake.spark().sql("SELECT reason, count(*) FROM quarantine GROUP BY 1").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  /** Rows of a query, for assertions on a few columns. */
  public static List<Row> rows(Lake lake, String sql) {
    lake.registerViews();
    return lake.spark().sql(sql).collectAsList();
  }

  public static void dump(Lake lake, String sql) {
    for (Row r : rows(lake, sql)) {
      System.out.println("DUMP " + r);
    }
  }
}
