package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small JSON values (ordered objects and lists) and the writing of them with a streaming generator. */
final class Json {
  static final JsonFactory FACTORY = new JsonFactory();

  private static final DateTimeFormatter AWS_EXPIRATION =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);

  private Json() {}

  /** A JSON object whose keys keep the order given: obj("a", 1, "b", "x"). */
  static final class Obj {
    final Object[] kv;

    Obj(Object[] kv) {
      if (kv.length % 2 != 0) {
        throw new IllegalArgumentException("odd number of key/value items");
      }
      this.kv = kv;
    }
  }

  static Obj obj(Object... kv) {
    return new Obj(kv);
  }

  static List<Object> arr(Object... items) {
    return java.util.Arrays.asList(items);
  }

  static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Obj o) {
      g.writeStartObject();
      Object[] kv = o.kv;
      for (int i = 0; i < kv.length; i += 2) {
        g.writeFieldName((String) kv[i]);
        write(g, kv[i + 1]);
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        write(g, x);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  /** Epoch seconds as CloudTrail writes eventTime: 2026-01-01T09:13:22Z. */
  static String iso(long epochSec) {
    long day = Math.floorDiv(epochSec, 86400L);
    int sod = (int) Math.floorMod(epochSec, 86400L);
    LocalDate d = LocalDate.ofEpochDay(day);
    char[] c = new char[20];
    int y = d.getYear();
    c[0] = (char) ('0' + y / 1000 % 10);
    c[1] = (char) ('0' + y / 100 % 10);
    c[2] = (char) ('0' + y / 10 % 10);
    c[3] = (char) ('0' + y % 10);
    c[4] = '-';
    two(c, 5, d.getMonthValue());
    c[7] = '-';
    two(c, 8, d.getDayOfMonth());
    c[10] = 'T';
    two(c, 11, sod / 3600);
    c[13] = ':';
    two(c, 14, sod / 60 % 60);
    c[16] = ':';
    two(c, 17, sod % 60);
    c[19] = 'Z';
    return new String(c);
  }

  private static void two(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  /** The compact form used in file names: 20260101T0915Z. */
  static String compact(long epochSec) {
    String s = iso(epochSec);
    return s.substring(0, 4) + s.substring(5, 7) + s.substring(8, 10) + "T" + s.substring(11, 13)
        + s.substring(14, 16) + "Z";
  }

  /** How CloudTrail renders STS credential expirations and IAM createDate: "Jan 1, 2026, 3:13:22 PM". */
  static String awsDate(long epochSec) {
    return AWS_EXPIRATION.format(LocalDateTime.ofEpochSecond(epochSec, 0, ZoneOffset.UTC));
  }
}
