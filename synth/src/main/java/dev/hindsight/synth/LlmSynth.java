package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * What the LLM generators (Bedrock, llm-audit, proxy) share: the day an incident starts, record timestamps,
 * JSON lines collected per output file and written in one sorted, deterministic pass, and the labels.
 */
abstract class LlmSynth implements SyntheticSource {
  /** Records per output file path (relative to the source's input folder), in the order written. */
  private final Map<String, List<Long>> times = new TreeMap<>();
  private final Map<String, List<String>> lines = new TreeMap<>();
  final List<Label> incidents = new ArrayList<>();
  final List<Label> confounders = new ArrayList<>();
  long records;

  /** The first day of the incidents: day 40 (scoring looks back 35 days), earlier in short periods. */
  static int incidentDay(int days) {
    return days > 45 ? 40 : Math.max(0, days - 3);
  }

  static long dayStart(LocalDate d) {
    return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  /** A second of the day, busier in working hours (8..19 UTC) when diurnal. */
  static long timeOfDay(Rng r, LocalDate d, boolean diurnal) {
    int hour = diurnal && r.chance(0.85) ? r.between(8, 19) : r.nextInt(24);
    return dayStart(d) + hour * 3600L + r.nextInt(3600);
  }

  /** Serialises one record (Json.obj / arr / values) as a line of the file. */
  void add(String file, long time, Object record) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Json.FACTORY.createGenerator(b, JsonEncoding.UTF8)) {
      Json.write(g, record);
    }
    times.computeIfAbsent(file, k -> new ArrayList<>()).add(time);
    lines.computeIfAbsent(file, k -> new ArrayList<>()).add(b.toString(java.nio.charset.StandardCharsets.UTF_8));
    records++;
  }

  /** Writes every file (lines in time order; gzip when the name ends in .gz) and labels.json. */
  Generated finish(Spec spec, Path input) throws IOException {
    for (Map.Entry<String, List<String>> e : lines.entrySet()) {
      List<Long> t = times.get(e.getKey());
      List<String> l = e.getValue();
      Integer[] order = new Integer[l.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> t.get(a).equals(t.get(b)) ? Integer.compare(a, b)
          : Long.compare(t.get(a), t.get(b)));
      Path p = input.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      try (OutputStream raw = Files.newOutputStream(p);
          OutputStream os = e.getKey().endsWith(".gz") ? new GZIPOutputStream(raw, 64 * 1024) : raw) {
        for (Integer i : order) {
          os.write(l.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          os.write('\n');
        }
      }
    }
    Path labels = spec.out().resolve("labels.json");
    Label.writeFile(labels, spec.seed(), spec.start(), spec.days(), spec.eventsPerDay(), incidents, confounders);
    return new Generated(source(), input, lines.size(), records, records, 0, incidents.size(), confounders.size(),
        labels);
  }

  /** Refuses an output folder that already holds logs. */
  static Path fresh(Spec spec, String folder) throws IOException {
    Path input = spec.out().resolve(folder);
    if (Files.exists(input)) {
      throw new IllegalArgumentException("Cannot generate: " + input + " already exists; choose an empty output"
          + " directory");
    }
    Files.createDirectories(spec.out());
    return input;
  }
}
