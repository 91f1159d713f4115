package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.JsonRecordsSource;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.RecordSink;
import java.util.Map;
import java.util.Set;

/**
 * API gateway and LLM proxy logs as JSON lines, read through a field mapping ({@code --mapping} or
 * {@code --source-option mapping=}: litellm (the default), apigateway, or a mapping file). The mapping is read
 * once on the driver; the key-hash secret too (HINDSIGHT_KEY_HASH_SECRET, else the documented default).
 */
public final class ProxySource extends JsonRecordsSource {
  public static final String NAME = "proxy";
  public static final Set<String> OPTIONS = Set.of("mapping");
  private static final long serialVersionUID = 1L;

  private final ProxyMapping mapping;

  public ProxySource(Map<String, String> options) {
    this(ProxyMapping.load(options.getOrDefault("mapping", "litellm")), Secrets.hashSecret());
  }

  private ProxySource(ProxyMapping mapping, String hashSecret) {
    super(NAME, new ProxyMapper(mapping, hashSecret), DatedLayout.DAY_FOLDERS, DatedLayout.JSON_OR_LOG_FILES);
    this.mapping = mapping;
  }

  ProxyMapping mapping() {
    return mapping;
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    return mapping.name + ":" + super.parse(inputFile, bytes, limits, sink);
  }
}
