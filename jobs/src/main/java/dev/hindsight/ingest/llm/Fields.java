package dev.hindsight.ingest.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.ingest.EventRow;
import dev.hindsight.ingest.Reason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Typed reads of JSON fields that turn a wrong type into a quarantine reason. */
final class Fields {
  /** A record that cannot be an event, thrown by the helpers and caught by the mappers. */
  static final class Bad extends RuntimeException {
    final RecordMapper.Problem problem;

    Bad(Reason reason, String detail) {
      super(detail, null, false, false);
      this.problem = new RecordMapper.Problem(reason, detail);
    }
  }

  private Fields() {}

  /** A string field (numbers and booleans are taken as their text); null when absent or JSON null. */
  static String str(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isContainerNode()) {
      throw new Bad(Reason.WRONG_TYPE, field + " is an " + v.getNodeType().name().toLowerCase() + ", not a string");
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /** A whole number (or a numeric string); null when absent. */
  static Long lng(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.isEmpty() || s.equals("-")) {
        return null;
      }
      try {
        return (long) Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new Bad(Reason.WRONG_TYPE, field + " '" + clip(s) + "' is not a number");
      }
    }
    throw new Bad(Reason.WRONG_TYPE, field + " is an " + v.getNodeType().name().toLowerCase() + ", not a number");
  }

  /**
   * A timestamp: ISO-8601 (with offset or Z; without one it is UTC), epoch seconds or milliseconds as a number
   * or digits, or text in the given pattern (null: none).
   */
  static Instant time(JsonNode v, String field, DateTimeFormatter pattern) {
    if (v == null || v.isNull() || v.isMissingNode() || v.isTextual() && v.asText().isBlank()) {
      throw new Bad(Reason.MISSING_EVENT_TIME, "the record has no " + field);
    }
    if (v.isNumber()) {
      return epoch(v.asDouble());
    }
    if (!v.isTextual()) {
      throw new Bad(Reason.WRONG_TYPE, field + " is an " + v.getNodeType().name().toLowerCase() + ", not a time");
    }
    String s = v.asText().trim();
    if (s.matches("\\d{9,13}(\\.\\d+)?")) {
      return epoch(Double.parseDouble(s));
    }
    if (pattern != null) {
      try {
        return pattern.parse(s, t -> t.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
            ? OffsetDateTime.from(t).toInstant() : LocalDateTime.from(t).toInstant(ZoneOffset.UTC));
      } catch (java.time.DateTimeException e) {
        throw new Bad(Reason.BAD_EVENT_TIME, field + " '" + clip(s) + "' does not match its time format");
      }
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          try {
            return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
          } catch (DateTimeParseException e4) {
            throw new Bad(Reason.BAD_EVENT_TIME, field + " '" + clip(s) + "' is not an ISO-8601 or epoch timestamp");
          }
        }
      }
    }
  }

  /** Epoch seconds, or milliseconds when the number is too large to be seconds. */
  static Instant epoch(double x) {
    if (x > 1e11) {
      return Instant.ofEpochMilli((long) x);
    }
    long sec = (long) Math.floor(x);
    return Instant.ofEpochSecond(sec, Math.round((x - sec) * 1e9));
  }

  /** Sets event_time and event_date. */
  static void time(Object[] v, Instant t) {
    v[EventRow.EVENT_TIME] = t;
    v[EventRow.EVENT_DATE] = t.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
