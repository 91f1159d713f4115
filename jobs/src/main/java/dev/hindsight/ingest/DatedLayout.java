package dev.hindsight.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Discovery for sources written in date-partitioned folders: Azure Monitor diagnostic exports
 * ({@code .../y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json}) and Cloud Logging sinks
 * ({@code .../YYYY/MM/DD/HH:00:00_HH:59:59_S0.json}). Walks the tree and skips every year, month or day
 * folder outside the range without listing it. A file without a date in its path is always read. Names
 * starting with {@code _} or {@code .} are hidden, as in Spark.
 */
public final class DatedLayout {
  private static final Pattern YEAR = Pattern.compile("(?:y=)?(\\d{4})");
  private static final Pattern MONTH = Pattern.compile("(?:m=)?(\\d{2})");
  private static final Pattern DAY = Pattern.compile("(?:d=)?(\\d{2})");

  private DatedLayout() {}

  /** Lists the readable files under root that belong to the range. */
  public static Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    Discovery d = new Discovery();
    FileStatus top = fs.getFileStatus(root);
    if (top.isFile()) {
      consider(d, top);
    } else {
      walk(fs, root, range, d, new int[0], false);
    }
    d.files().sort(Comparator.comparing(InputFile::path));
    return d;
  }

  /**
   * @param date the year / month / day read from the folders above (0 to 3 parts)
   * @param keyed whether the date folders are key=value (y=, m=, d=): a folder must use the same style
   */
  private static void walk(FileSystem fs, Path dir, DateRange range, Discovery d, int[] date, boolean keyed)
      throws IOException {
    d.listed(dir.toString());
    FileStatus[] children;
    try {
      children = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return;
    }
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus st : children) {
      String name = st.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (!st.isDirectory()) {
        consider(d, st);
        continue;
      }
      int[] next = date;
      boolean nextKeyed = keyed;
      if (date.length < 3) {
        Pattern p = date.length == 0 ? YEAR : date.length == 1 ? MONTH : DAY;
        Matcher m = p.matcher(name);
        boolean isKeyed = name.contains("=");
        if (m.matches() && (date.length == 0 || isKeyed == keyed)) {
          next = Arrays.copyOf(date, date.length + 1);
          next[date.length] = Integer.parseInt(m.group(1));
          nextKeyed = isKeyed;
          if (!inRange(next, range)) {
            continue;
          }
        } else if (date.length > 0) {
          next = new int[0]; // the date pattern broke off: not a date folder after all
        }
      }
      walk(fs, st.getPath(), range, d, next, nextKeyed);
    }
  }

  private static boolean inRange(int[] p, DateRange range) {
    if (range.isAll()) {
      return true;
    }
    try {
      LocalDate start = LocalDate.of(p[0], p.length > 1 ? p[1] : 1, p.length > 2 ? p[2] : 1);
      LocalDate end = p.length == 1 ? start.withDayOfYear(start.lengthOfYear())
          : p.length == 2 ? start.withDayOfMonth(start.lengthOfMonth()) : start;
      return range.overlaps(start, end);
    } catch (DateTimeException e) {
      return true; // not a date after all: do not prune
    }
  }

  private static void consider(Discovery d, FileStatus st) {
    String name = st.getPath().getName();
    InputFile f = new InputFile(st.getPath().toString(), st.getLen(), st.getModificationTime());
    String lower = name.toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")
        || lower.endsWith(".gz"))) {
      d.skip(f, "skipped_unsupported", "unknown");
      return;
    }
    d.add(f);
  }
}
