package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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
    events.add(new Object[] {e.time, e.eventId});
    regions.add(e.region);
    first = Math.min(first, e.time);
    last = Math.max(last, e.time);
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
}
