package dev.hindsight.ingest.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.lake.tables.Events;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonRecordsParser;
import dev.hindsight.ingest.Reason;
import dev.hindsight.ingest.Redactor;

/**
 * A mapper of the LLM and proxy sources for the shared {@link JsonRecordsParser}. Their records hold what must
 * never be stored (prompt and completion bodies, key material), so the mapper rewrites each record: raw is the
 * record after {@link #mapRecord} stripped content from it and {@link Secrets#scrub} removed key material,
 * re-serialised; every text column the mapper filled is scrubbed too. The file's format is its container alone
 * ({@code jsonl}, {@code page}, {@code array}).
 */
abstract class ContentMapper implements JsonRecordsParser.RecordMapper {
  private static final long serialVersionUID = 1L;

  /**
   * Fills v (event_id, event_time and event_date first, so quarantine rows can name them) and strips from r
   * whatever must never be stored (prompt content, key material); throws {@link JsonFields.Bad} with the
   * reason the record is quarantined.
   */
  abstract void mapRecord(ObjectNode r, Events v);

  @Override
  public final void map(JsonNode rec, Events v) {
    ObjectNode r = (ObjectNode) rec;
    try {
      mapRecord(r, v);
    } catch (JsonFields.Bad b) {
      throw b;
    } catch (RuntimeException ex) {
      throw new JsonFields.Bad(Reason.WRONG_TYPE, "cannot map the record: " + ex.getMessage());
    }
    Secrets.scrub(r);
    // a safety net for every text column the mapper filled (request_json from a payload, user agents, ...)
    v.replaceStrings(t -> Secrets.looksLikeKey(t) || Redactor.mayContainSecrets(t) ? Secrets.scrubText(t) : t);
    if (v.outcome() == null) {
      v.outcome("success");
    }
  }

  @Override
  public final boolean rewritesRecord() {
    return true;
  }

  @Override
  public String format(String container, String firstShape) {
    return container;
  }

  /** The text of a bad record or line with key material scrubbed (subclasses may leave snippets out). */
  @Override
  public String snippet(String text) {
    return JsonRecordsParser.clip(Secrets.scrubText(text));
  }
}
