package dev.hindsight.synth;

import dev.hindsight.lake.tables.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.ingest.JsonRecordsParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The common part of the Azure Activity, Entra sign-in and GCP audit generators: everyday background from a
 * few stable actors (each with its own IPs, hours, operations and regions), labelled incidents after the
 * baseline, a benign look-alike, a few redelivered records, and files in the vendor's storage layout.
 * Deterministic: every random choice derives from the seed; nothing reads the clock.
 *
 * <p>The event_id of each record is computed by the source's own mapper (the one ingest runs), so labels name
 * exactly the ids ingest stores, also where the vendor has no id and ingest derives one.
 */
abstract class SyntheticCloudAudit implements SyntheticSource {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Records per day relative to spec.eventsPerDay(): these sources are a tenth of the CloudTrail volume. */
  static final int VOLUME_DIVISOR = 10;
  /** Every this many records one is delivered twice (same file), as storage exports sometimes do. */
  static final int REDELIVER_EVERY = 97;

  /** One record: when, which file (relative to the input folder), the JSON line, its event id and region. */
  record Rec(long time, String file, String json, String eventId, String region) {}

  /** An actor of the background: how often, when, from where and what it calls. */
  static final class Actor {
    final String name;
    final double share;
    final int fromHour;
    final int toHour;
    final List<String> ips;
    final double weekendFactor;

    Actor(String name, double share, int fromHour, int toHour, List<String> ips, double weekendFactor) {
      this.name = name;
      this.share = share;
      this.fromHour = fromHour;
      this.toHour = toHour;
      this.ips = ips;
      this.weekendFactor = weekendFactor;
    }
  }

  final List<Rec> recs = new ArrayList<>();
  final List<Label> incidents = new ArrayList<>();
  final List<Label> confounders = new ArrayList<>();
  private JsonRecordsParser.RecordMapper mapper;

  /** The folder under spec.out() that ingest reads (the storage container or sink prefix). */
  abstract String inputFolder();

  abstract JsonRecordsParser.RecordMapper mapper();

  /** Fills recs, incidents and confounders. */
  abstract void build(Spec spec, Rng rng);

  @Override
  public Generated generate(Spec spec) throws IOException {
    Path input = spec.out().resolve(inputFolder());
    if (Files.exists(input) || Files.exists(spec.out().resolve("labels.json"))) {
      throw new IOException("Cannot generate into " + spec.out() + ": it already holds generated logs");
    }
    mapper = mapper();
    recs.clear();
    incidents.clear();
    confounders.clear();
    build(spec, Rng.of(spec.seed(), source()));
    // Redeliveries: the same line again in the same file; ingest keeps one.
    List<Rec> all = new ArrayList<>(recs);
    for (int i = REDELIVER_EVERY - 1; i < recs.size(); i += REDELIVER_EVERY) {
      all.add(recs.get(i));
    }
    all.sort(Comparator.comparingLong(Rec::time).thenComparing(Rec::eventId));
    Map<String, StringBuilder> files = new TreeMap<>();
    for (Rec r : all) {
      files.computeIfAbsent(r.file(), k -> new StringBuilder()).append(r.json()).append('\n');
    }
    for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
      Path p = input.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    long distinct = all.stream().map(r -> r.eventId() + "|" + day(r.time())).distinct().count();
    Path labels = spec.out().resolve("labels.json");
    Label.writeFile(labels, spec.seed(), spec.start(), spec.days(), spec.eventsPerDay(), incidents, confounders);
    return new Generated(source(), input, files.size(), all.size(), distinct, all.size() - distinct,
        incidents.size(), confounders.size(), labels);
  }

  /** Adds a record; returns it (its event id as ingest will store it). */
  Rec add(long time, String file, ObjectNode record) {
    String json = record.toString();
    Events v = new Events();
    try {
      mapper.map(JSON.readTree(json), v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Rec r = new Rec(time, file, json, v.eventId(), v.region());
    recs.add(r);
    return r;
  }

  static void label(Label l, Rec r) {
    l.add(r.time(), r.eventId(), r.region());
  }

  // ------------------------------------------------------------------ background

  /** Records per day for the whole source, at least a handful. */
  static int perDay(Spec spec) {
    return Math.max(20, spec.eventsPerDay() / VOLUME_DIVISOR);
  }

  /** Epoch second of a day (0-based from spec.start) plus seconds. */
  static long at(Spec spec, int day, long secondOfDay) {
    return spec.start().plusDays(day).toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC) + secondOfDay;
  }

  /** A time within the actor's hours on day. */
  static long timeIn(Spec spec, int day, Actor a, Rng rng) {
    int span = Math.max(1, a.toHour - a.fromHour);
    return at(spec, day, a.fromHour * 3600L + rng.nextInt(span * 3600));
  }

  /** How many records an actor makes on a day: Poisson around its share, fewer at weekends. */
  static int count(Spec spec, int day, Actor a, Rng rng) {
    LocalDate d = spec.start().plusDays(day);
    boolean weekend = d.getDayOfWeek().getValue() >= 6;
    double mean = perDay(spec) * a.share * (weekend ? a.weekendFactor : 1.0);
    return rng.poisson(mean);
  }

  /** The first incident day: after a 40-day baseline when the period allows, else two thirds in. */
  static int incidentDay(Spec spec, int offset) {
    int base = spec.days() >= 50 ? 40 : spec.days() * 2 / 3;
    return Math.min(spec.days() - 1, base + offset);
  }

  static LocalDate day(long epochSec) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochSec, 86400L));
  }

  /** 2026-01-05T10:11:12.1234567Z: the seven-digit fraction Azure writes. */
  static String azureTime(long epochSec, Rng rng) {
    String iso = Json.iso(epochSec);
    return iso.substring(0, 19) + "." + String.format(java.util.Locale.ROOT, "%07d", rng.nextInt(10_000_000)) + "Z";
  }

  /** A few stable addresses in a range: an actor's usual origins. */
  static List<String> ips(Rng rng, String cidr, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(rng.ipIn(cidr));
    }
    return out;
  }

  static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  static String text(JsonNode n, String field) {
    return n.path(field).asText(null);
  }
}
