package dev.hindsight.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Discovery for sources written in date-partitioned folders, shared by every source that is not CloudTrail.
 * Walks the tree and skips every year, month or day folder outside the range without listing it. A file
 * without a date in its path is always read. Names starting with {@code _} or {@code .} are hidden, as in
 * Spark. The folder conventions:
 * <ul>
 *   <li>{@link #EXPORTS}: Azure Monitor diagnostic exports ({@code .../y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json})
 *       and Cloud Logging sinks ({@code .../YYYY/MM/DD/HH:00:00_HH:59:59_S0.json});</li>
 *   <li>{@link #DAY_FOLDERS}: {@code YYYY/MM/DD[/HH]} (Bedrock's delivery layout and most exporters),
 *       {@code YYYY-MM-DD} and {@code key=YYYY-MM-DD} / {@code key=YYYYMMDD} (Hive-style partitions);</li>
 *   <li>{@link #EVENT_DAY}: Security Lake's {@code eventDay=YYYYMMDD}.</li>
 * </ul>
 */
public final class DatedLayout {
  /** The date read from the folders above a folder: year[, month[, day[, hour]]] (empty: none). */
  public record Dated(int[] date, boolean keyed) implements java.io.Serializable {
    public static final Dated NONE = new Dated(new int[0], false);
  }

  /** A folder naming convention: the date a folder's name gives, from the date of the folders above it. */
  @FunctionalInterface
  public interface Convention extends java.io.Serializable {
    Dated next(Dated above, String name);
  }

  private static final Pattern YEAR = Pattern.compile("(?:y=)?(\\d{4})");
  private static final Pattern MONTH = Pattern.compile("(?:m=)?(\\d{2})");
  private static final Pattern DAY = Pattern.compile("(?:d=)?(\\d{2})");

  /**
   * {@code y=YYYY/m=MM/d=DD} or {@code YYYY/MM/DD}; a folder must use the same style (key=value or not) as
   * the date folders above it.
   */
  public static final Convention EXPORTS = (above, name) -> {
    int[] date = above.date();
    if (date.length >= 3) {
      return above;
    }
    Pattern p = date.length == 0 ? YEAR : date.length == 1 ? MONTH : DAY;
    Matcher m = p.matcher(name);
    boolean isKeyed = name.contains("=");
    if (m.matches() && (date.length == 0 || isKeyed == above.keyed())) {
      int[] next = Arrays.copyOf(date, date.length + 1);
      next[date.length] = Integer.parseInt(m.group(1));
      return new Dated(next, isKeyed);
    }
    return Dated.NONE; // the date pattern broke off (or never started): not a date folder after all
  };

  private static final Pattern PLAIN_YEAR = Pattern.compile("\\d{4}");
  private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
  private static final Pattern WHOLE_DAY = Pattern.compile("(?:[A-Za-z_]+=)?(\\d{4})-?(\\d{2})-?(\\d{2})");

  /** {@code YYYY/MM/DD[/HH]}, {@code YYYY-MM-DD}, {@code key=YYYY-MM-DD} and {@code key=YYYYMMDD}. */
  public static final Convention DAY_FOLDERS = (above, name) -> {
    int[] prefix = above.date();
    if (prefix.length == 0) {
      if (PLAIN_YEAR.matcher(name).matches()) {
        return new Dated(new int[] {Integer.parseInt(name)}, false);
      }
      Matcher m = WHOLE_DAY.matcher(name);
      if (m.matches()) {
        return new Dated(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))}, false);
      }
      return Dated.NONE;
    }
    if (prefix.length < 4 && TWO_DIGITS.matcher(name).matches()) {
      int[] next = Arrays.copyOf(prefix, prefix.length + 1);
      next[prefix.length] = Integer.parseInt(name);
      return new Dated(next, false);
    }
    return prefix.length >= 3 ? above : Dated.NONE;
  };

  private static final Pattern EVENT_DAY_NAME = Pattern.compile("eventDay=(\\d{4})(\\d{2})(\\d{2})");

  /** Security Lake's {@code eventDay=YYYYMMDD} folders (only they prune). */
  public static final Convention EVENT_DAY = (above, name) -> {
    Matcher m = EVENT_DAY_NAME.matcher(name);
    return m.matches() ? new Dated(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3))}, true) : Dated.NONE;
  };

  /** File names (lower case) of JSON exports: {@code .json}, {@code .jsonl}, {@code .ndjson}, gzip. */
  public static final JsonRecordsSource.FileNames JSON_FILES = lower -> lower.endsWith(".json") || lower.endsWith(".jsonl")
      || lower.endsWith(".ndjson") || lower.endsWith(".gz");

  /** JSON exports and {@code .log} files (JSON lines as proxies write them). */
  public static final JsonRecordsSource.FileNames JSON_OR_LOG_FILES =
      lower -> JSON_FILES.test(lower) || lower.endsWith(".log");

  private DatedLayout() {}

  /** Lists the readable JSON files under root that belong to the range ({@link #EXPORTS} folders). */
  public static Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    return discover(fs, root, range, EXPORTS, JSON_FILES);
  }

  /**
   * Lists the files under root that belong to the range.
   *
   * @param folders how the folders carry dates
   * @param readable which file names (in lower case) the source reads; the others are skipped_unsupported
   */
  public static Discovery discover(FileSystem fs, Path root, DateRange range, Convention folders,
      Predicate<String> readable) throws IOException {
    Discovery d = new Discovery();
    FileStatus top = fs.getFileStatus(root);
    if (top.isFile()) {
      consider(d, top, readable);
    } else {
      walk(fs, root, range, d, Dated.NONE, folders, readable);
    }
    d.files().sort(Comparator.comparing(InputFile::path));
    return d;
  }

  private static void walk(FileSystem fs, Path dir, DateRange range, Discovery d, Dated above, Convention folders,
      Predicate<String> readable) throws IOException {
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
        consider(d, st, readable);
        continue;
      }
      Dated next = folders.next(above, name);
      // A date carried down from above was in range already: checking it again changes nothing.
      if (next.date().length > 0 && !inRange(next.date(), range)) {
        continue;
      }
      walk(fs, st.getPath(), range, d, next, folders, readable);
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

  private static void consider(Discovery d, FileStatus st, Predicate<String> readable) {
    InputFile f = new InputFile(st.getPath().toString(), st.getLen(), st.getModificationTime());
    if (readable.test(st.getPath().getName().toLowerCase(Locale.ROOT))) {
      d.add(f);
    } else {
      d.skip(f, "skipped_unsupported", "unknown");
    }
  }
}
