package dev.hindsight.ingest;

import dev.hindsight.ingest.azure.AzureActivitySource;
import dev.hindsight.ingest.azure.EntraSigninSource;
import dev.hindsight.ingest.cloudtrail.CloudTrailSource;
import dev.hindsight.ingest.gcp.GcpAuditSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The sources hindsight can read, by --source name. */
public final class Sources {
  private static final Map<String, Supplier<Source>> ALL = new TreeMap<>(Map.of(
      CloudTrailSource.NAME, CloudTrailSource::new,
      AzureActivitySource.NAME, AzureActivitySource::new,
      EntraSigninSource.NAME, EntraSigninSource::new,
      GcpAuditSource.NAME, GcpAuditSource::new));

  private Sources() {}

  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  public static Source byName(String name) {
    Supplier<Source> s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException("Cannot read source '" + name + "': known sources are "
          + String.join(", ", names()));
    }
    return s.get();
  }
}
