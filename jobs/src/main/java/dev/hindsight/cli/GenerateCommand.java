package dev.hindsight.cli;

import dev.hindsight.synth.SyntheticCloudTrail;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic CloudTrail in the native delivery layout, with labelled incidents in labels.json.")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (AWSLogs/... and labels.json)")
  Path out;

  @Option(names = "--start", paramLabel = "YYYY-MM-DD", defaultValue = "2026-01-01",
      description = "First day (default: ${DEFAULT-VALUE})")
  LocalDate start;

  @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Number of days (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--events-per-day", paramLabel = "N", defaultValue = "2000",
      description = "Approximate records per day (default: ${DEFAULT-VALUE})")
  int eventsPerDay;

  @Option(names = "--no-digests", negatable = false, description = "Do not write CloudTrail digest files")
  boolean noDigests;

  @Override
  public Integer call() throws Exception {
    SyntheticCloudTrail.Result r = generate(out, start, days, seed, eventsPerDay, !noDigests);
    Output.summary(spec.commandLine().getOut(), "generate", describe(r));
    return Hindsight.OK;
  }

  static SyntheticCloudTrail.Result generate(Path out, LocalDate start, int days, long seed, int eventsPerDay,
      boolean digests) throws java.io.IOException {
    try {
      return new SyntheticCloudTrail(new SyntheticCloudTrail.Options(out, start, days, seed, eventsPerDay, digests))
          .generate();
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IllegalArgumentException("--out " + out + " already holds generated logs (" + e.getFile()
          + "); choose a new folder or delete it");
    }
  }

  static Map<String, Object> describe(SyntheticCloudTrail.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
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
