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
}
