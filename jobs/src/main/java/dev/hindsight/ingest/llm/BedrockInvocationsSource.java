package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.JsonRecordsSource;

/**
 * Amazon Bedrock model-invocation logs as Bedrock delivers them to S3:
 * {@code AWSLogs/<account>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/*.json.gz}, gzip JSON lines of
 * {@code ModelInvocationLog} records (also plain JSON lines, and CloudWatch exports of the same records). The
 * date folders prune discovery; prompt and completion bodies are never stored (see {@link BedrockMapper}).
 */
public final class BedrockInvocationsSource extends JsonRecordsSource {
  public static final String NAME = "bedrock-invocations";
  private static final long serialVersionUID = 1L;

  public BedrockInvocationsSource() {
    super(NAME, new BedrockMapper(), DatedLayout.DAY_FOLDERS, DatedLayout.JSON_OR_LOG_FILES);
  }
}
