package dev.hindsight.ingest.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonFields;
import dev.hindsight.ingest.JsonFields.Bad;
import dev.hindsight.ingest.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of the vendors' admin usage reports ({@code {"data":[{bucket}, ...], "has_more", "next_page"}}):
 * a bucket has its bounds and a {@code results} array with one row per group (the dimensions grouped by, null
 * when not grouped by, and the token counts). Each row becomes a record of its own, the bucket's bounds copied
 * in, so that an event is one bucket x group row and its raw is self-contained evidence.
 */
final class UsageBuckets {
  private UsageBuckets() {}

  /** Whether rec is a bucket (it has the start field and a results field). */
  static boolean isBucket(JsonNode rec, String startField) {
    return rec.has(startField) && rec.has("results");
  }

  /**
   * The rows of a bucket, each {@code {start, end, ...row}} (start and end always present, JSON null when the
   * bucket lacks them, so the mapper reports the missing time); an empty list for an empty bucket.
   */
  static List<JsonNode> rows(JsonNode bucket, String startField, String endField) {
    JsonNode results = bucket.get("results");
    if (results == null || !results.isArray()) {
      throw new Bad(Reason.UNRECOGNIZED_SHAPE, "a usage bucket whose results is not an array");
    }
    List<JsonNode> out = new ArrayList<>(results.size());
    for (JsonNode row : results) {
      if (!row.isObject()) {
        throw new Bad(Reason.NOT_A_RECORD, "a usage bucket whose results hold a " + row.getNodeType()
            .name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
      }
      ObjectNode r = JsonNodeFactory.instance.objectNode();
      r.set(startField, bucket.hasNonNull(startField) ? bucket.get(startField) : JsonNodeFactory.instance.nullNode());
      r.set(endField, bucket.hasNonNull(endField) ? bucket.get(endField) : JsonNodeFactory.instance.nullNode());
      row.fields().forEachRemaining(e -> {
        if (!e.getKey().equals(startField) && !e.getKey().equals(endField)) {
          r.set(e.getKey(), e.getValue());
        }
      });
      out.add(r);
    }
    return out;
  }

  /** A token count: absent or null is 0; a negative or non-numeric value is bad input. */
  static long tokens(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return 0L;
    }
    if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
      throw new Bad(Reason.WRONG_TYPE, field + " is " + (v.isTextual() ? "'" + dev.hindsight.ingest.JsonFields.clip(
          v.asText()) + "'" : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ", not a token count");
    }
    long x = v.asLong();
    if (x < 0) {
      throw new Bad(Reason.WRONG_TYPE, field + " is negative (" + x + ")");
    }
    return x;
  }

  /** The dimensions of a row: the named fields, nulls included. */
  static ObjectNode dimensions(JsonNode row, String... names) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (String n : names) {
      JsonNode v = row.get(n);
      o.set(n, v == null ? JsonNodeFactory.instance.nullNode() : v);
    }
    return o;
  }

  /**
   * events.event_id of a bucket row: {@link JsonFields#derivedId} of the report, the bucket's bounds (ISO-8601)
   * and each dimension's value in {@code dimensions} order (null when not grouped by). Never the counts.
   */
  static String eventId(String report, java.time.Instant start, java.time.Instant end, String[] dimensions,
      java.util.function.Function<String, String> value) {
    String[] id = new String[dimensions.length + 3];
    id[0] = report;
    id[1] = start.toString();
    id[2] = end == null ? null : end.toString();
    for (int i = 0; i < dimensions.length; i++) {
      id[i + 3] = value.apply(dimensions[i]);
    }
    return JsonFields.derivedId(id);
  }

  /** The text of a dimension (null when not grouped by). */
  static String dim(JsonNode row, String name) {
    JsonNode v = row.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}
