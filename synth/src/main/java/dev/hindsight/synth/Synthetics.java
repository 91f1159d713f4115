package dev.hindsight.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The generators, by the --source name of the logs they write. */
public final class Synthetics {
  private static final Map<String, Supplier<SyntheticSource>> ALL = new TreeMap<>(Map.of(
      "cloudtrail", CloudTrailGenerator::new,
      "bedrock-invocations", SyntheticBedrock::new,
      "llm-audit", SyntheticLlmAudit::new,
      "proxy", SyntheticProxy::new,
      "azure-activity", SyntheticAzureActivity::new,
      "entra-signin", SyntheticEntraSignin::new,
      "gcp-audit", SyntheticGcpAudit::new,
      "anthropic-usage", () -> new SyntheticUsage(SyntheticUsage.Vendor.ANTHROPIC),
      "openai-usage", () -> new SyntheticUsage(SyntheticUsage.Vendor.OPENAI)));

  private Synthetics() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  public static SyntheticSource byName(String name) {
    Supplier<SyntheticSource> s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException("Cannot generate source '" + name + "': generators exist for "
          + String.join(", ", names()));
    }
    return s.get();
  }

  /** CloudTrail through {@link SyntheticCloudTrail}, with digest files. */
  static final class CloudTrailGenerator implements SyntheticSource {
    @Override
    public String source() {
      return "cloudtrail";
    }

    @Override
    public Generated generate(Spec s) throws java.io.IOException {
      SyntheticCloudTrail.Result r = new SyntheticCloudTrail(new SyntheticCloudTrail.Options(s.out(), s.start(),
          s.days(), s.seed(), Math.max(SyntheticCloudTrail.MIN_EVENTS_PER_DAY, s.eventsPerDay()), true)).generate();
      return new Generated(source(), s.out().resolve("AWSLogs"), r.files(), r.records(), r.distinctEvents(),
          r.duplicateRecords(), r.incidents(), r.confounders(), r.labels());
    }
  }

  /** Where a generator of this name writes inside a shared output folder (demo: logs/<source>). */
  public static Path folder(Path root, String source) {
    return root.resolve(source);
  }
}
