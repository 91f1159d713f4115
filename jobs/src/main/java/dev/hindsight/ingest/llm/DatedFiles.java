package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.ingest.InputFile;
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
 * Discovery for the JSON sources: walks the folders under the input and prunes date folders outside the
 * range: {@code YYYY/MM/DD[/HH]} (Bedrock's delivery layout and most exporters), {@code YYYY-MM-DD} and
 * {@code key=YYYY-MM-DD} / {@code key=YYYYMMDD} (Hive-style partitions). Files whose path carries no date are
 * always read; hidden files ({@code .x}, {@code _x}) never.
 */
final class DatedFiles {
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");
  private static final Pattern DAY = Pattern.compile("(?:[A-Za-z_]+=)?(\\d{4})-?(\\d{2})-?(\\d{2})");

  private DatedFiles() {}

  static Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    Discovery d = new Discovery();
    FileStatus top = fs.getFileStatus(root);
    if (top.isFile()) {
      consider(d, top);
    } else {
      walk(fs, root, range, d, null);
    }
    d.files().sort(Comparator.comparing(InputFile::path));
    return d;
  }

  private static void walk(FileSystem fs, Path dir, DateRange range, Discovery d, int[] prefix) throws IOException {
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
      int[] next = datePart(prefix, name);
      if (next != null && !inRange(next, range)) {
        continue;
      }
      walk(fs, st.getPath(), range, d, next);
    }
  }

  private static void consider(Discovery d, FileStatus st) {
    InputFile f = new InputFile(st.getPath().toString(), st.getLen(), st.getModificationTime());
    String lower = st.getPath().getName().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json") || lower.endsWith(".json.gz") || lower.endsWith(".jsonl")
        || lower.endsWith(".jsonl.gz") || lower.endsWith(".ndjson") || lower.endsWith(".ndjson.gz")
        || lower.endsWith(".log") || lower.endsWith(".log.gz") || lower.endsWith(".gz")) {
      d.add(f);
    } else {
      d.skip(f, "skipped_unsupported", "unknown");
    }
  }

  /** Extends a date prefix (year, month, day, then hour) with this folder's name, or null if it is not one. */
  static int[] datePart(int[] prefix, String name) {
    if (prefix == null || prefix.length == 0) {
      if (YEAR.matcher(name).matches()) {
        return new int[] {Integer.parseInt(name)};
      }
      Matcher m = DAY.matcher(name);
      if (m.matches()) {
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
      }
      return null;
    }
    if (prefix.length < 4 && TWO_DIGITS.matcher(name).matches()) {
      int[] next = Arrays.copyOf(prefix, prefix.length + 1);
      next[prefix.length] = Integer.parseInt(name);
      return next;
    }
    return prefix.length >= 3 ? prefix : null;
  }

  static boolean inRange(int[] p, DateRange range) {
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
}
