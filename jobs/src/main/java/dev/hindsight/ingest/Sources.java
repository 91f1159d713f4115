package dev.hindsight.ingest;

import dev.hindsight.error.Errors;
import dev.hindsight.ingest.azure.AzureActivitySource;
import dev.hindsight.ingest.azure.EntraSigninSource;
import dev.hindsight.ingest.cloudtrail.CloudTrailSource;
import dev.hindsight.ingest.llm.AnthropicUsageSource;
import dev.hindsight.ingest.llm.BedrockInvocationsSource;
import dev.hindsight.ingest.llm.LlmAuditSource;
import dev.hindsight.ingest.llm.OpenAiUsageSource;
import dev.hindsight.ingest.llm.ProxySource;
import dev.hindsight.ingest.ocsf.SecurityLakeSource;
import dev.hindsight.ingest.gcp.GcpAuditSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The sources hindsight can read, by --source name, with the --source-option keys each one accepts. */
public final class Sources {
  private record Entry(Set<String> optionKeys, Function<Map<String, String>, Source> make) {}

  /** In the order listed in messages: AWS first, then Azure, GCP and the LLM sources. */
  private static final Map<String, Entry> ALL = new LinkedHashMap<>();

  static {
    ALL.put(CloudTrailSource.NAME, new Entry(Set.of(), o -> new CloudTrailSource()));
    ALL.put(SecurityLakeSource.NAME, new Entry(Set.of(), o -> new SecurityLakeSource()));
    ALL.put(AzureActivitySource.NAME, new Entry(Set.of(), o -> new AzureActivitySource()));
    ALL.put(EntraSigninSource.NAME, new Entry(Set.of(), o -> new EntraSigninSource()));
    ALL.put(GcpAuditSource.NAME, new Entry(Set.of(), o -> new GcpAuditSource()));
    ALL.put(BedrockInvocationsSource.NAME, new Entry(Set.of(), o -> new BedrockInvocationsSource()));
    ALL.put(LlmAuditSource.NAME, new Entry(Set.of(), o -> new LlmAuditSource()));
    ALL.put(AnthropicUsageSource.NAME, new Entry(Set.of(), o -> new AnthropicUsageSource()));
    ALL.put(OpenAiUsageSource.NAME, new Entry(Set.of(), o -> new OpenAiUsageSource()));
    ALL.put(ProxySource.NAME, new Entry(ProxySource.OPTIONS, ProxySource::new));
  }

  private Sources() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  public static Source byName(String name) {
    return byName(name, Map.of());
  }

  /**
   * The source of this name, configured by options (--source-option key=value). An unknown source, an option
   * the source does not know, or a bad option value is an IllegalArgumentException (a usage error).
   */
  public static Source byName(String name, Map<String, String> options) {
    Entry e = ALL.get(name);
    if (e == null) {
      throw Errors.usage("Cannot read source '" + name + "': known sources are "
          + String.join(", ", names()));
    }
    Map<String, String> opts = options == null ? Map.of() : options;
    Set<String> unknown = new TreeSet<>(opts.keySet());
    unknown.removeAll(e.optionKeys());
    if (!unknown.isEmpty()) {
      throw Errors.usage("Cannot read source '" + name + "': unknown source option "
          + String.join(", ", unknown) + (e.optionKeys().isEmpty() ? " (it takes none)"
              : " (it takes " + String.join(", ", new TreeSet<>(e.optionKeys())) + ")"));
    }
    return e.make().apply(opts);
  }
}
