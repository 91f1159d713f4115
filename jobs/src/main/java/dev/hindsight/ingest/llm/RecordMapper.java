package dev.hindsight.ingest.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.Reason;
import java.io.Serializable;

/** Maps one JSON record of a source onto the events columns. Runs on executors. */
interface RecordMapper extends Serializable {
  /** Why a record cannot be an event. */
  record Problem(Reason reason, String detail) {}

  /**
   * Fills v (event_id, event_time and event_date first, so quarantine rows can name them) and strips from rec
   * whatever must never be stored (prompt content, key material): rec is what becomes the raw column.
   *
   * @return null on success, or the reason the record is quarantined
   */
  Problem map(ObjectNode rec, Object[] v);

  /**
   * Text of a bad record as it may appear in a quarantine snippet, or null when the source's records may hold
   * content that must not be stored even when malformed (the snippet is then left out).
   */
  default String snippet(String text) {
    return Secrets.scrubText(text);
  }

  /** The event id of a record that could not be mapped, for the quarantine row (best effort). */
  default String eventIdOf(JsonNode rec) {
    return null;
  }
}
