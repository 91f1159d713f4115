package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** One labelled incident or benign confounder, with the ids of the events that make it up. */
final class Label {
  final String id;
  final String kind;
  final boolean malicious;
  String credentialId;
  String accessKeyId;
  String principal;
  String accountId;
  String description;
  final List<String> relatedCredentials = new ArrayList<>();
  private final TreeSet<String> regions = new TreeSet<>();
  private final List<Object[]> events = new ArrayList<>();
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  Label(String id, String kind, boolean malicious) {
    this.id = id;
    this.kind = kind;
    this.malicious = malicious;
  }

  Label credential(String credentialId, String accessKeyId, String principal, String accountId) {
    this.credentialId = credentialId;
    this.accessKeyId = accessKeyId;
    this.principal = principal;
    this.accountId = accountId;
    return this;
  }

  void add(Event e) {
    add(e.time, e.eventId, e.region);
  }

  /** Adds one event of the incident: its time (epoch millis), id as ingest stores it, and region (or null). */
  void add(long time, String eventId, String region) {
    events.add(new Object[] {time, eventId});
    if (region != null) {
      regions.add(region);
    }
    first = Math.min(first, time);
    last = Math.max(last, time);
  }

  void addAll(List<Event> es) {
    for (Event e : es) {
      add(e);
    }
  }

  int size() {
    return events.size();
  }

  List<String> eventIds() {
    List<Object[]> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.<Object[]>comparingLong(o -> (Long) o[0]).thenComparing(o -> (String) o[1]));
    List<String> ids = new ArrayList<>(sorted.size());
    for (Object[] o : sorted) {
      ids.add((String) o[1]);
    }
    return ids;
  }

  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("kind", kind);
    g.writeStringField("label", malicious ? "malicious" : "benign");
    g.writeStringField("credential_id", credentialId);
    g.writeStringField("access_key_id", accessKeyId);
    g.writeStringField("principal", principal);
    g.writeStringField("account_id", accountId);
    g.writeArrayFieldStart("regions");
    for (String r : regions) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeStringField("first_seen", events.isEmpty() ? null : Json.iso(first));
    g.writeStringField("last_seen", events.isEmpty() ? null : Json.iso(last));
    g.writeNumberField("event_count", events.size());
    g.writeArrayFieldStart("event_ids");
    for (String id : eventIds()) {
      g.writeString(id);
    }
    g.writeEndArray();
    if (!relatedCredentials.isEmpty()) {
      g.writeArrayFieldStart("related_credential_ids");
      for (String r : relatedCredentials) {
        g.writeString(r);
      }
      g.writeEndArray();
    }
    g.writeStringField("description", description);
    g.writeEndObject();
  }

  /** Writes labels.json: the generator's settings, then the incidents and the confounders. */
  static void writeFile(Path path, long seed, LocalDate start, int days, int eventsPerDay, List<Label> incidents,
      List<Label> confounders) throws IOException {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try (OutputStream os = Files.newOutputStream(path);
        JsonGenerator g = Json.FACTORY.createGenerator(os, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(pp);
      g.writeStartObject();
      g.writeStringField("generator", "hindsight-synth");
      g.writeNumberField("seed", seed);
      g.writeStringField("start", start.toString());
      g.writeNumberField("days", days);
      g.writeNumberField("events_per_day", eventsPerDay);
      g.writeArrayFieldStart("incidents");
      for (Label l : incidents) {
        l.write(g);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("confounders");
      for (Label l : confounders) {
        l.write(g);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
