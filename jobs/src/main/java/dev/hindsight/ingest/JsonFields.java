package dev.hindsight.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.lake.tables.Events;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Field access shared by the JSON mappers (Azure, Entra, GCP, Bedrock, LLM audit, proxy, CloudTrail). The
 * Azure / Entra / GCP exports spell the same field several ways ({@code callerIpAddress} in a diagnostic
 * export, {@code CallerIpAddress} in Log Analytics, {@code caller_ip_address} from older {@code az} versions),
 * so {@link #get}, {@link #text} and {@link #time(JsonNode, String...)} match names ignoring case and
 * underscores after an exact match fails; {@link #str}, {@link #lng} and {@link #instant} read one field by its
 * exact name. Every helper turns a wrong type or a bad value into a {@link Bad} with the quarantine reason.
 */
public final class JsonFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** yyyy-MM-dd[ T]HH:mm:ss[.fraction] without a zone: Log Analytics / Kusto and SIEM exports; read as UTC. */
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd")
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter(Locale.ROOT);

  private JsonFields() {}

  /** A record that cannot become an event, and why. */
  public static final class Bad extends RuntimeException {
    private final Reason reason;

    public Bad(Reason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private static String norm(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** The field of obj named name (exactly, else ignoring case and underscores), or null. */
  public static JsonNode get(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode v = obj.get(name);
    if (v != null) {
      return v;
    }
    String want = norm(name);
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (norm(e.getKey()).equals(want)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The first of the names present and not null. */
  public static JsonNode first(JsonNode obj, String... names) {
    for (String n : names) {
      JsonNode v = get(obj, n);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  /** A nested object: obj.a.b..., each step matched leniently; null when any step is missing. */
  public static JsonNode path(JsonNode obj, String... names) {
    JsonNode n = obj;
    for (String name : names) {
      n = object(get(n, name));
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /**
   * An object field, also when it was exported as JSON text (Log Analytics stores Claims, Properties,
   * Status, LocationDetails ... as strings).
   */
  public static JsonNode object(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isObject()) {
      return v;
    }
    if (v.isTextual()) {
      String t = v.asText().strip();
      if (t.startsWith("{")) {
        try {
          JsonNode n = JSON.readTree(t);
          return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** An array, also when it was exported as JSON text; null otherwise. */
  public static JsonNode array(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      return v;
    }
    if (v.isTextual() && v.asText().strip().startsWith("[")) {
      try {
        JsonNode n = JSON.readTree(v.asText());
        return n != null && n.isArray() ? n : null;
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Text of the first present field. An object holding {@code value} ({@code az} output's
   * {@code operationName: {value, localizedValue}}) gives that value; numbers and booleans give their text;
   * other objects and arrays are the wrong type.
   */
  public static String text(JsonNode obj, String... names) {
    for (String n : names) {
      JsonNode v = get(obj, n);
      if (v == null || v.isNull()) {
        continue;
      }
      if (v.isObject() && v.has("value")) {
        v = v.get("value");
        if (v.isNull()) {
          continue;
        }
      }
      if (v.isValueNode()) {
        String s = v.asText();
        if (!s.isEmpty()) {
          return s;
        }
        continue;
      }
      throw new Bad(Reason.WRONG_TYPE, n + " is a " + v.getNodeType().name().toLowerCase(Locale.ROOT)
          + ", not a string");
    }
    return null;
  }

  /** Like text, but a value of the wrong type counts as absent (for optional detail fields). */
  public static String textOrNull(JsonNode obj, String... names) {
    try {
      return text(obj, names);
    } catch (Bad b) {
      return null;
    }
  }

  /**
   * The event time from the first present field: ISO-8601 with a zone or offset, or a zone-less
   * {@code yyyy-MM-dd HH:mm:ss[.f]} / {@code yyyy-MM-ddTHH:mm:ss[.f]} read as UTC (Log Analytics and SIEM
   * exports write UTC without a zone).
   */
  public static Instant time(JsonNode obj, String... names) {
    for (String n : names) {
      JsonNode v = get(obj, n);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
        continue;
      }
      if (!v.isTextual()) {
        throw new Bad(Reason.WRONG_TYPE, n + " is a " + v.getNodeType().name().toLowerCase(Locale.ROOT)
            + ", not a string");
      }
      String s = v.asText().strip();
      try {
        return iso(s);
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw new Bad(Reason.BAD_EVENT_TIME, n + " '" + clip(s) + "' is not an ISO-8601 timestamp");
        }
      }
    }
    throw new Bad(Reason.MISSING_EVENT_TIME, "the record has no " + String.join(" or ", names));
  }

  /** A stable id from key fields, for records whose vendor gives none: {@link dev.hindsight.lake.Ids#derivedEventId}. */
  public static String derivedId(String... parts) {
    return dev.hindsight.lake.Ids.derivedEventId(parts);
  }

  public static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  public static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** The JSON text of a container, or null. */
  public static String json(JsonNode n) {
    return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty()) ? null : n.toString();
  }

  /** An ISO-8601 instant with a zone ({@code Z}) or an offset. */
  public static Instant iso(String s) throws DateTimeParseException {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(s).toInstant();
    }
  }

  /** A string field by its exact name (numbers and booleans are taken as their text); null when absent or JSON null. */
  public static String str(JsonNode n, String field) {
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

  /** A whole number (or a numeric string) by its exact name; null when absent. */
  public static Long lng(JsonNode n, String field) {
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
   * A timestamp value v of the named field: ISO-8601 (with offset or Z; without one it is UTC), epoch seconds
   * or milliseconds as a number or digits, or text in the given pattern (null: none).
   */
  public static Instant instant(JsonNode v, String field, DateTimeFormatter pattern) {
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
        return pattern.parse(s, t -> t.isSupported(ChronoField.OFFSET_SECONDS)
            ? OffsetDateTime.from(t).toInstant() : LocalDateTime.from(t).toInstant(ZoneOffset.UTC));
      } catch (java.time.DateTimeException e) {
        throw new Bad(Reason.BAD_EVENT_TIME, field + " '" + clip(s) + "' does not match its time format");
      }
    }
    try {
      return iso(s);
    } catch (DateTimeParseException e) {
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

  /** Epoch seconds, or milliseconds when the number is too large to be seconds. */
  public static Instant epoch(double x) {
    if (x > 1e11) {
      return Instant.ofEpochMilli((long) x);
    }
    long sec = (long) Math.floor(x);
    return Instant.ofEpochSecond(sec, Math.round((x - sec) * 1e9));
  }

  /** Sets event_time and event_date (UTC). */
  public static void setTime(Events v, Instant t) {
    v.eventTime(t);
    v.eventDate(t.atOffset(ZoneOffset.UTC).toLocalDate());
  }
}
