package dev.hindsight.ingest.llm;

import dev.hindsight.lake.Lake;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;

/** Small helpers shared by the LLM source tests. */
final class LlmFixtures {
  private LlmFixtures() {}

  static Path gzipLines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
      os.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  static Path lines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  static List<Row> rows(Lake lake, String sql) {
    lake.registerViews();
    return lake.spark().sql(sql).collectAsList();
  }

  /** Every text column of events and quarantine, concatenated: where no secret or prompt may appear. */
  static String everything(Lake lake) {
    lake.registerViews();
    StringBuilder b = new StringBuilder();
    for (Row r : lake.spark().sql("SELECT to_json(struct(*)) FROM events").collectAsList()) {
      b.append(r.getString(0)).append('\n');
    }
    for (Row r : lake.spark().sql("SELECT to_json(struct(*)) FROM quarantine").collectAsList()) {
      b.append(r.getString(0)).append('\n');
    }
    return b.toString();
  }
}
