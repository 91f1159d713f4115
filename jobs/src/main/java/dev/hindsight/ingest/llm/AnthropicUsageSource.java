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
}
