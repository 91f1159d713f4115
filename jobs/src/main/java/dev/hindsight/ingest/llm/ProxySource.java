package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Source;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * API gateway and LLM proxy logs as JSON lines, read through a field mapping ({@code --mapping} or
 * {@code --source-option mapping=}: litellm (the default), apigateway, or a mapping file). The mapping is read
 * once on the driver; the key-hash secret too (HINDSIGHT_KEY_HASH_SECRET, else the documented default).
 */
public final class ProxySource implements Source {
  public static final String NAME = "proxy";
  public static final Set<String> OPTIONS = Set.of("mapping");
  private static final long serialVersionUID = 1L;

  private final ProxyMapping mapping;
  private final String hashSecret;

  public ProxySource(Map<String, String> options) {
    this.mapping = ProxyMapping.load(options.getOrDefault("mapping", "litellm"));
    this.hashSecret = Secrets.hashSecret();
  }

  @Override
  public String name() {
    return NAME;
  }

  ProxyMapping mapping() {
    return mapping;
  }

  @Override
  public Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    return DatedFiles.discover(fs, root, range);
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    String shape = new JsonRecordParser(NAME, inputFile, limits, sink, new ProxyMapper(mapping, hashSecret))
        .parse(bytes);
    return mapping.name + ":" + shape;
  }
}
