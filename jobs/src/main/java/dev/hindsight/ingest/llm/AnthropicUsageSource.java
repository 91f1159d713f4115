package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.JsonRecordsSource;

/**
 * Anthropic Admin API usage data as saved pages (one JSON page per file, {@code {"data":[...],"has_more",...}}):
 * the Messages and Claude Code usage reports and the API key list (see {@link AnthropicUsageMapper});
 * {@code hindsight pull anthropic-usage} writes them in {@code <report>/YYYY/MM/DD/} folders, which prune.
 */
public final class AnthropicUsageSource extends JsonRecordsSource {
  public static final String NAME = "anthropic-usage";
  private static final long serialVersionUID = 1L;

  public AnthropicUsageSource() {
    super(NAME, new AnthropicUsageMapper(), DatedLayout.DAY_FOLDERS, DatedLayout.JSON_OR_LOG_FILES);
  }

  /**
   * The event_id ingest gives a usage row: its bucket's bounds and dimensions (a name not in the map is null, as
   * when the report is not grouped by it). For generators and tests that name the events they wrote.
   */
  public static String rowEventId(java.time.Instant start, java.time.Instant end, java.util.Map<String, String> dims) {
    return UsageBuckets.eventId("anthropic-usage/messages", start, end, AnthropicUsageMapper.MESSAGE_DIMENSIONS, dims::get);
  }
}
