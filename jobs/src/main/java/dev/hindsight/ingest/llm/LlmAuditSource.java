package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.JsonRecordsSource;

/**
 * Admin audit logs of the OpenAI and Anthropic organisations, as their admin APIs export them: JSON lines of
 * audit-log objects, or saved API pages ({@code {"object":"list","data":[...],...}}). The vendor is told by the
 * record itself (see {@link LlmAuditMapper}); date folders ({@code YYYY/MM/DD}, {@code dt=YYYY-MM-DD}) prune.
 */
public final class LlmAuditSource extends JsonRecordsSource {
  public static final String NAME = "llm-audit";
  private static final long serialVersionUID = 1L;

  public LlmAuditSource() {
    super(NAME, new LlmAuditMapper(), DatedLayout.DAY_FOLDERS, DatedLayout.JSON_OR_LOG_FILES);
  }
}
