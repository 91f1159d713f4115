package dev.hindsight.ingest.llm;

import dev.hindsight.ingest.DatedLayout;
import dev.hindsight.ingest.JsonRecordsSource;

/**
 * OpenAI organization usage data as saved pages ({@code {"object":"page","data":[buckets],...}}): the
 * completions usage API (see {@link OpenAiUsageMapper}); {@code hindsight pull openai-usage} writes them in
 * {@code completions/YYYY/MM/DD/} folders, which prune.
 */
public final class OpenAiUsageSource extends JsonRecordsSource {
  public static final String NAME = "openai-usage";
  private static final long serialVersionUID = 1L;

  public OpenAiUsageSource() {
    super(NAME, new OpenAiUsageMapper(), DatedLayout.DAY_FOLDERS, DatedLayout.JSON_OR_LOG_FILES);
  }

  /**
   * The event_id ingest gives a usage row: its bucket's bounds and dimensions (a name not in the map is null, as
   * when the report is not grouped by it). For generators and tests that name the events they wrote.
   */
  public static String rowEventId(java.time.Instant start, java.time.Instant end, java.util.Map<String, String> dims) {
    return UsageBuckets.eventId("openai-usage/completions", start, end, OpenAiUsageMapper.DIMENSIONS, dims::get);
  }
}
