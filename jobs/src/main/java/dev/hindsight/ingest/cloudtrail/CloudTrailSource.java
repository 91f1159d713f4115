package dev.hindsight.ingest.cloudtrail;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.InputFile;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Source;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * AWS CloudTrail, in every shape it reaches object storage or a disk: the native delivery layout
 * ({@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz}, also under an organization id), flat
 * folders of delivery files, bare JSON arrays of records, JSON lines (CloudTrail Lake, EventBridge, Logstash)
 * and {@code aws cloudtrail lookup-events} output.
 */
public final class CloudTrailSource implements Source {
  public static final String NAME = "cloudtrail";

  /** Folders CloudTrail writes beside CloudTrail/ that hold no events. */
  private static final String DIGEST_DIR = "CloudTrail-Digest";
  private static final String INSIGHT_DIR = "CloudTrail-Insight";
  /** The timestamp in a delivery file name: 123456789012_CloudTrail_us-east-1_20230710T1145Z_xxxx.json.gz */
  private static final Pattern NAME_DATE = Pattern.compile("_(\\d{4})(\\d{2})(\\d{2})T\\d{4}Z");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    return new CloudTrailParser(inputFile, limits, sink).parse(bytes);
  }

  @Override
  public Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    Discovery d = new Discovery();
    FileStatus top = fs.getFileStatus(root);
    if (top.isFile()) {
      consider(d, top, range);
    } else if (range.isAll() && isObjectStore(fs)) {
      // No range on an object store: one flat recursive listing is the cheapest. (On local and HDFS file
      // systems listFiles builds a LocatedFileStatus per file, which forks a shell for permissions: walk.)
      d.listed(root.toString() + " (recursive)");
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        if (!hiddenBelow(root, st.getPath())) {
          consider(d, st, range);
        }
      }
    } else {
      walk(fs, root, range, d, null);
    }
    d.files().sort(Comparator.comparing(InputFile::path));
    return d;
  }

  /**
   * Walks folders, pruning by date: a region folder under CloudTrail/ lists exactly the day prefixes of the
   * range; YYYY/MM/DD folders elsewhere are pruned by their names.
   */
  private void walk(FileSystem fs, Path dir, DateRange range, Discovery d, int[] datePrefix) throws IOException {
    FileStatus[] children = list(fs, dir, d);
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    boolean underCloudTrail = dir.getName().equals("CloudTrail");
    for (FileStatus st : children) {
      String name = st.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (!st.isDirectory()) {
        consider(d, st, range);
        continue;
      }
      if (name.equals(DIGEST_DIR) || name.equals(INSIGHT_DIR)) {
        d.skip(new InputFile(st.getPath().toString(), 0, st.getModificationTime()),
            name.equals(DIGEST_DIR) ? "skipped_digest" : "skipped_insight", "folder");
        continue;
      }
      if (underCloudTrail && range.bounded()) {
        // A region folder: go straight to the days of the range.
        for (LocalDate day : range.days()) {
          Path dayDir = new Path(st.getPath(), String.format(Locale.ROOT, "%04d/%02d/%02d",
              day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
          for (FileStatus f : list(fs, dayDir, d)) {
            if (f.isDirectory()) {
              walk(fs, f.getPath(), range, d, new int[] {day.getYear(), day.getMonthValue(), day.getDayOfMonth()});
            } else if (!f.getPath().getName().startsWith("_") && !f.getPath().getName().startsWith(".")) {
              consider(d, f, range);
            }
          }
        }
        continue;
      }
      int[] next = datePart(datePrefix, name);
      if (next != null && !inRange(next, range)) {
        continue;
      }
      walk(fs, st.getPath(), range, d, next);
    }
  }

  private static boolean isObjectStore(FileSystem fs) {
    String scheme = fs.getScheme();
    return scheme.startsWith("s3") || scheme.equals("gs") || scheme.startsWith("abfs") || scheme.startsWith("wasb")
        || scheme.equals("oss");
  }

  private static FileStatus[] list(FileSystem fs, Path dir, Discovery d) throws IOException {
    d.listed(dir.toString());
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  /** Extends a YYYY / YYYY-MM / YYYY-MM-DD folder prefix with this folder's name, or null if it is not one. */
  private static int[] datePart(int[] prefix, String name) {
    if (prefix == null || prefix.length == 0) {
      return YEAR.matcher(name).matches() ? new int[] {Integer.parseInt(name)} : null;
    }
    if (prefix.length < 3 && TWO_DIGITS.matcher(name).matches()) {
      int[] next = Arrays.copyOf(prefix, prefix.length + 1);
      next[prefix.length] = Integer.parseInt(name);
      return next;
    }
    return null;
  }

  private static boolean inRange(int[] p, DateRange range) {
    try {
      LocalDate start = LocalDate.of(p[0], p.length > 1 ? p[1] : 1, p.length > 2 ? p[2] : 1);
      LocalDate end = p.length == 1 ? start.withDayOfYear(start.lengthOfYear())
          : p.length == 2 ? start.withDayOfMonth(start.lengthOfMonth()) : start;
      return range.overlaps(start, end);
    } catch (java.time.DateTimeException e) {
      return true; // not a date after all: do not prune
    }
  }

  private static boolean hiddenBelow(Path root, Path p) {
    for (Path q = p; q != null && !q.equals(root); q = q.getParent()) {
      String n = q.getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private void consider(Discovery d, FileStatus st, DateRange range) {
    String path = st.getPath().toString();
    String name = st.getPath().getName();
    InputFile f = new InputFile(path, st.getLen(), st.getModificationTime());
    if (name.contains("_CloudTrail-Digest_") || path.contains("/" + DIGEST_DIR + "/")) {
      d.skip(f, "skipped_digest", "digest");
      return;
    }
    if (name.contains("_CloudTrail-Insight_") || path.contains("/" + INSIGHT_DIR + "/")) {
      d.skip(f, "skipped_insight", "insight");
      return;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".json") || lower.endsWith(".json.gz") || lower.endsWith(".jsonl")
        || lower.endsWith(".jsonl.gz") || lower.endsWith(".ndjson") || lower.endsWith(".gz"))) {
      d.skip(f, "skipped_unsupported", "unknown");
      return;
    }
    if (!range.isAll()) {
      Matcher m = NAME_DATE.matcher(name);
      if (m.find()) {
        try {
          LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
          if (!range.contains(day)) {
            return;
          }
        } catch (java.time.DateTimeException ignored) {
          // not a date: keep the file
        }
      }
    }
    d.add(f);
  }
}
