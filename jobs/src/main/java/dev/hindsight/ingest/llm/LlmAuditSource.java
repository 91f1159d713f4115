package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.Discovery;
import dev.hindsight.ingest.FileBytes;
import dev.hindsight.ingest.ParseLimits;
import dev.hindsight.ingest.RecordSink;
import dev.hindsight.ingest.Source;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Admin audit logs of the OpenAI and Anthropic organisations, as their admin APIs export them: JSON lines of
 * audit-log objects, or saved API pages ({@code {"object":"list","data":[...],...}}). The vendor is told by the
 * record itself (see {@link LlmAuditMapper}); date folders ({@code YYYY/MM/DD}, {@code dt=YYYY-MM-DD}) prune.
 */
public final class LlmAuditSource implements Source {
  public static final String NAME = "llm-audit";
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Discovery discover(FileSystem fs, Path root, DateRange range) throws IOException {
    return DatedFiles.discover(fs, root, range);
  }

  @Override
  public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
    return new JsonRecordParser(NAME, inputFile, limits, sink, new LlmAuditMapper()).parse(bytes);
  }
}
