package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.synth.SyntheticCloudTrail;
import dev.hindsight.synth.SyntheticSource;
import dev.hindsight.synth.Synthetics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic audit logs in the layout each vendor writes, with labelled incidents in labels.json.")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--source", paramLabel = "NAME", defaultValue = "cloudtrail",
      description = "Which logs: a source name, or 'all' (each into <out>/<source>) (default: ${DEFAULT-VALUE})")
  String source;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (the logs and labels.json)")
  Path out;

  @Option(names = "--start", paramLabel = "YYYY-MM-DD", defaultValue = "2026-01-01",
      description = "First day (default: ${DEFAULT-VALUE})")
  LocalDate start;

  @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Number of days (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--events-per-day", paramLabel = "N", defaultValue = "2000",
      description = "Approximate CloudTrail records per day; the other sources scale it to their own volume (default: ${DEFAULT-VALUE})")
  int eventsPerDay;

  @Option(names = "--no-digests", negatable = false, description = "Do not write CloudTrail digest files")
  boolean noDigests;

  @Override
  public Integer call() throws Exception {
    List<String> names = "all".equals(source) ? Synthetics.names() : List.of(source);
    for (String name : names) {
      try {
        Synthetics.byName(name); // usage error (exit 2) before anything is written
      } catch (IllegalArgumentException e) {
        throw Errors.usage(e.getMessage(), e);
      }
    }
    for (String name : names) {
      Path dir = names.size() > 1 ? out.resolve(name) : out;
      SyntheticSource.Generated g = "cloudtrail".equals(name) && noDigests
          ? cloudTrailWithoutDigests(dir) : generate(name, dir, start, days, seed, eventsPerDay);
      Output.summary(spec.commandLine().getOut(), "generate " + name, describe(g));
    }
    return Hindsight.OK;
  }

  private SyntheticSource.Generated cloudTrailWithoutDigests(Path dir) throws IOException {
    SyntheticCloudTrail.Result r = guard(dir, () -> new SyntheticCloudTrail(
        new SyntheticCloudTrail.Options(dir, start, days, seed, eventsPerDay, false)).generate());
    return new SyntheticSource.Generated("cloudtrail", dir.resolve("AWSLogs"), r.files(), r.records(),
        r.distinctEvents(), r.duplicateRecords(), r.incidents(), r.confounders(), r.labels());
  }

  static SyntheticSource.Generated generate(String source, Path out, LocalDate start, int days, long seed,
      int eventsPerDay) throws IOException {
    SyntheticSource generator = Synthetics.byName(source);
    return guard(out, () -> generator.generate(new SyntheticSource.Spec(out, start, days, seed, eventsPerDay)));
  }

  /** Every generator, each into out/<source>; the demo's input. */
  static List<SyntheticSource.Generated> generateAll(Path out, LocalDate start, int days, long seed,
      int eventsPerDay) throws IOException {
    List<SyntheticSource.Generated> all = new ArrayList<>();
    for (String name : Synthetics.names()) {
      all.add(generate(name, Synthetics.folder(out, name), start, days, seed, eventsPerDay));
    }
    return all;
  }

  private interface Gen<T> {
    T run() throws IOException;
  }

  private static <T> T guard(Path out, Gen<T> gen) throws IOException {
    if (Files.exists(out.resolve("labels.json"))) {
      throw Errors.usage("--out " + out + " already holds generated logs (labels.json); choose a"
          + " new folder or delete it");
    }
    try {
      return gen.run();
    } catch (IllegalArgumentException e) {
      // The generators are a library: their option checks throw IllegalArgumentException; on the CLI that is usage.
      throw Errors.usage("Cannot generate: " + e.getMessage(), e);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw Errors.usage("--out " + out + " already holds generated logs (" + e.getFile()
          + "); choose a new folder or delete it");
    }
  }

  static Map<String, Object> describe(SyntheticSource.Generated r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    m.put("input", r.input());
    m.put("files", r.files());
    m.put("records", r.records());
    m.put("distinct_events", r.distinctEvents());
    m.put("duplicate_records", r.duplicateRecords());
    m.put("incidents", r.incidents());
    m.put("benign_confounders", r.confounders());
    m.put("labels", r.labels());
    return m;
  }
}
