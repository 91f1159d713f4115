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
 * Amazon Bedrock model-invocation logs as Bedrock delivers them to S3:
 * {@code AWSLogs/<account>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/*.json.gz}, gzip JSON lines of
 * {@code ModelInvocationLog} records (also plain JSON lines, and CloudWatch exports of the same records). The
 * date folders prune discovery; prompt and completion bodies are never stored (see {@link BedrockMapper}).
 */
public final class BedrockInvocationsSource implements Source {
  public static final String NAME = "bedrock-invocations";
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
    return new JsonRecordParser(NAME, inputFile, limits, sink, new BedrockMapper()).parse(bytes);
  }
}
