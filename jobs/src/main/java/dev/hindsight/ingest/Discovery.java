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
