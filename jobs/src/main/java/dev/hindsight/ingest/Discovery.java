package dev.hindsight.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What discovery found: files to read, files recognised and skipped (with the status recorded for them in
 * ingest_files), and the prefixes it listed (so tests and logs can show that a date range was pruned).
 */
public final class Discovery {
  public record Skipped(InputFile file, String status, String format) {}

  private final List<InputFile> files = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private final List<String> listed = new ArrayList<>();

  public void add(InputFile f) {
    files.add(f);
  }

  public void skip(InputFile f, String status, String format) {
    skipped.add(new Skipped(f, status, format));
  }

  public void listed(String prefix) {
    listed.add(prefix);
  }

  /**
   * Adds what another listing of the same source found (another range of days), skipping files and prefixes
   * already here: a layout without dates in its paths lists the same files for every range.
   *
   * @return the files {@code other} added
   */
  public List<InputFile> addAll(Discovery other) {
    java.util.Set<String> have = new java.util.HashSet<>();
    files.forEach(f -> have.add(f.path()));
    skipped.forEach(k -> have.add(k.file().path()));
    List<InputFile> added = new ArrayList<>();
    for (InputFile f : other.files) {
      if (have.add(f.path())) {
        files.add(f);
        added.add(f);
      }
    }
    for (Skipped k : other.skipped) {
      if (have.add(k.file().path())) {
        skipped.add(k);
      }
    }
    other.listed.stream().filter(p -> !listed.contains(p)).forEach(listed::add);
    return added;
  }

  public List<InputFile> files() {
    return files;
  }

  public List<Skipped> skipped() {
    return skipped;
  }

  public List<String> listedPrefixes() {
    return listed;
  }
}
