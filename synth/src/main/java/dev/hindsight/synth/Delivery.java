package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.CRC32;

/**
 * Writes events the way CloudTrail delivers them to S3: one gzipped {"Records":[...]} file per account,
 * region and 5- or 15-minute window; about 4% of events delivered a second time in a later file of the same
 * account and region; one digest file per account, region and day.
 */
final class Delivery implements AutoCloseable {
  /** Share of events CloudTrail delivers twice. */
  static final double DUPLICATE_RATE = 0.04;
  static final String TRAIL = "management-events";
  static final String TRAIL_HOME = World.USE1;

  private static final Comparator<Event> IN_FILE =
      Comparator.<Event>comparingLong(e -> e.time).thenComparing(e -> e.eventId);

  private final Path out;
  private final long seed;
  private final LocalDate start;
  private final int days;
  private final int eventsPerDay;
  private final boolean digests;
  private final String bucket;
  private final ExecutorService pool;
  private final Set<Path> madeDirs = new java.util.HashSet<>();
  /** Redeliveries waiting for a later day's folder: day -> files. */
  private final Map<Integer, TreeMap<FileKey, List<Event>>> carry = new HashMap<>();
  /** Account|region pairs that have had any log file so far (they get a digest every day from then on). */
  private final TreeSet<String> activeTrails = new TreeSet<>();
  private final Map<String, String[]> previousDigest = new HashMap<>();

  int files;
  int digestFiles;
  long records;
  long distinct;
  long duplicates;

  Delivery(Path out, long seed, LocalDate start, int days, int eventsPerDay, boolean digests, String bucket) {
    this.out = out;
    this.seed = seed;
    this.start = start;
    this.days = days;
    this.eventsPerDay = eventsPerDay;
    this.digests = digests;
    this.bucket = bucket;
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "synth-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Window length for an account and region: the busy production regions deliver every 5 minutes once the
   * volume is high (>= 8000 records a day), everything else every 15 minutes.
   */
  static int windowSeconds(String account, String region, int eventsPerDay) {
    boolean busy = account.equals(World.PROD) && (region.equals(World.USE1) || region.equals(World.EUW1));
    return busy && eventsPerDay >= 8000 ? 300 : 900;
  }

  record FileKey(String account, String region, long window) implements Comparable<FileKey> {
    @Override
    public int compareTo(FileKey o) {
      int c = account.compareTo(o.account);
      if (c == 0) {
        c = region.compareTo(o.region);
      }
      return c != 0 ? c : Long.compare(window, o.window);
    }
  }

  record Written(FileKey key, String object, String sha256, long oldest, long newest, int count) {}

  private long dayStart(int d) {
    return start.plusDays(d).toEpochDay() * 86400L;
  }

  private FileKey keyOf(Event e, long time) {
    int ws = windowSeconds(e.recipient, e.region, eventsPerDay);
    return new FileKey(e.recipient, e.region, Math.floorDiv(time, ws) * ws);
  }

  /** Delivers one day's events (all with eventTime on that day) plus redeliveries due that day. */
  void day(int d, List<Event> events) throws IOException {
    TreeMap<FileKey, List<Event>> fileMap = carry.remove(d);
    if (fileMap == null) {
      fileMap = new TreeMap<>();
    }
    for (Event e : events) {
      fileMap.computeIfAbsent(keyOf(e, e.time), k -> new ArrayList<>()).add(e);
    }
    distinct += events.size();
    Rng r = Rng.of(seed, "redelivery", d);
    for (Event e : events) {
      if (!r.chance(DUPLICATE_RATE)) {
        continue;
      }
      double x = r.nextDouble();
      long delay = x < 0.7 ? 300 + r.nextInt(900) : x < 0.95 ? 1200 + r.nextInt(6000) : 7200 + r.nextInt(36000);
      FileKey original = keyOf(e, e.time);
      int ws = windowSeconds(e.recipient, e.region, eventsPerDay);
      long target = Math.floorDiv(e.time + delay, ws) * ws;
      if (target <= original.window()) {
        target = original.window() + ws;
      }
      long latest = dayStart(d + 2) - ws;
      target = Math.min(target, latest);
      int td = (int) Math.floorDiv(target - dayStart(0), 86400L);
      if (td >= days) {
        continue;
      }
      FileKey k = new FileKey(e.recipient, e.region, target);
      TreeMap<FileKey, List<Event>> into = td == d ? fileMap : carry.computeIfAbsent(td, x2 -> new TreeMap<>());
      into.computeIfAbsent(k, x2 -> new ArrayList<>()).add(e);
      duplicates++;
    }
    List<Future<Written>> futures = new ArrayList<>(fileMap.size());
    for (Map.Entry<FileKey, List<Event>> f : fileMap.entrySet()) {
      FileKey k = f.getKey();
      List<Event> list = f.getValue();
      String[] dp = datePath(k.window()).split("/");
      Path folder = dir("AWSLogs", k.account(), "CloudTrail", k.region(), dp[0], dp[1], dp[2]);
      futures.add(pool.submit(() -> writeLogFile(k, folder, list)));
    }
    List<Written> written = new ArrayList<>(futures.size());
    for (Future<Written> f : futures) {
      try {
        written.add(f.get());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing CloudTrail files", ex);
      } catch (ExecutionException ex) {
        Throwable cause = ex.getCause() instanceof UncheckedIOException u ? u.getCause() : ex.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException("writing a CloudTrail file failed", cause);
      }
    }
    for (Written wr : written) {
      files++;
      records += wr.count();
      activeTrails.add(wr.key().account() + "|" + wr.key().region());
    }
    if (digests) {
      writeDigests(d, written);
    }
  }

  /** Creates (once) and returns a folder under out; called from the delivering thread only. */
  private Path dir(String... parts) throws IOException {
    Path p = out;
    for (String s : parts) {
      p = p.resolve(s);
    }
    if (madeDirs.add(p)) {
      Files.createDirectories(p);
    }
    return p;
  }

  private static String datePath(long t) {
    String iso = Json.iso(t);
    return iso.substring(0, 4) + "/" + iso.substring(5, 7) + "/" + iso.substring(8, 10);
  }

  private Written writeLogFile(FileKey k, Path folder, List<Event> events) throws IOException {
    events.sort(IN_FILE);
    String date = datePath(k.window());
    String suffix = Rng.of(seed, "file", k.account(), k.region(), k.window()).alnum(16);
    String name = k.account() + "_CloudTrail_" + k.region() + "_" + Json.compact(k.window()) + "_" + suffix
        + ".json.gz";
    String object = "AWSLogs/" + k.account() + "/CloudTrail/" + k.region() + "/" + date + "/" + name;
    MessageDigest sha = digests ? sha256() : null;
    try (OutputStream file = Files.newOutputStream(folder.resolve(name));
        Gzip gz = new Gzip(file);
        OutputStream body = sha == null ? gz : new DigestOutputStream(gz, sha);
        JsonGenerator g = Json.FACTORY.createGenerator(body, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Records");
      for (Event e : events) {
        e.write(g);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    long oldest = events.get(0).time;
    long newest = events.get(events.size() - 1).time;
    String hash = sha == null ? null : HexFormat.of().formatHex(sha.digest());
    return new Written(k, object, hash, oldest, newest, events.size());
  }

  private void writeDigests(int d, List<Written> written) throws IOException {
    Map<String, List<Written>> byTrail = new TreeMap<>();
    for (Written wr : written) {
      byTrail.computeIfAbsent(wr.key().account() + "|" + wr.key().region(), x -> new ArrayList<>()).add(wr);
    }
    long from = dayStart(d);
    long end = from + 86399;
    for (String trail : activeTrails) {
      String account = trail.substring(0, trail.indexOf('|'));
      String region = trail.substring(trail.indexOf('|') + 1);
      List<Written> logs = byTrail.getOrDefault(trail, List.of());
      String stamp = Json.compact(end).replace("Z", "") + "59Z";
      String date = datePath(from);
      String name = account + "_CloudTrail-Digest_" + region + "_" + TRAIL + "_" + TRAIL_HOME + "_" + stamp + ".json.gz";
      String object = "AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/" + date + "/" + name;
      String[] dp = date.split("/");
      Path folder = dir("AWSLogs", account, "CloudTrail-Digest", region, dp[0], dp[1], dp[2]);
      Rng r = Rng.of(seed, "digest", account, region);
      String fingerprint = r.hex(32);
      String[] prev = previousDigest.get(trail);
      ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
      try (JsonGenerator g = Json.FACTORY.createGenerator(buf, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeStringField("awsAccountId", account);
        g.writeStringField("digestStartTime", Json.iso(from));
        g.writeStringField("digestEndTime", Json.iso(end));
        g.writeStringField("digestS3Bucket", bucket);
        g.writeStringField("digestS3Object", object);
        g.writeStringField("digestPublicKeyFingerprint", fingerprint);
        g.writeStringField("digestSignatureAlgorithm", "SHA256withRSA");
        long newest = Long.MIN_VALUE;
        long oldest = Long.MAX_VALUE;
        for (Written wr : logs) {
          newest = Math.max(newest, wr.newest());
          oldest = Math.min(oldest, wr.oldest());
        }
        g.writeStringField("newestEventTime", logs.isEmpty() ? null : Json.iso(newest));
        g.writeStringField("oldestEventTime", logs.isEmpty() ? null : Json.iso(oldest));
        g.writeStringField("previousDigestS3Bucket", prev == null ? null : bucket);
        g.writeStringField("previousDigestS3Object", prev == null ? null : prev[0]);
        g.writeStringField("previousDigestHashValue", prev == null ? null : prev[1]);
        g.writeStringField("previousDigestHashAlgorithm", prev == null ? null : "SHA-256");
        g.writeStringField("previousDigestSignature", prev == null ? null : Rng.of(seed, "sig", prev[0]).hex(512));
        g.writeArrayFieldStart("logFiles");
        for (Written wr : logs) {
          g.writeStartObject();
          g.writeStringField("s3Bucket", bucket);
          g.writeStringField("s3Object", wr.object());
          g.writeStringField("hashValue", wr.sha256());
          g.writeStringField("hashAlgorithm", "SHA-256");
          g.writeStringField("newestEventTime", Json.iso(wr.newest()));
          g.writeStringField("oldestEventTime", Json.iso(wr.oldest()));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      byte[] json = buf.toByteArray();
      try (OutputStream file = Files.newOutputStream(folder.resolve(name));
          Gzip gz = new Gzip(file)) {
        gz.write(json);
      }
      previousDigest.put(trail, new String[] {object, HexFormat.of().formatHex(sha256().digest(json))});
      digestFiles++;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Gzip with a fixed header (mtime 0, no file name, OS 0), so equal content always gives equal bytes. Each
   * writer thread reuses one native deflater (fastest level) instead of allocating one per file.
   */
  static final class Gzip extends OutputStream {
    private static final ThreadLocal<Deflater> DEFLATERS =
        ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[1 << 16]);
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

    private final OutputStream out;
    private final Deflater def = DEFLATERS.get();
    private final CRC32 crc = new CRC32();
    private final byte[] buf = BUFFERS.get();
    private long size;
    private boolean closed;

    Gzip(OutputStream out) throws IOException {
      this.out = out;
      def.reset();
      out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      crc.update(b, off, len);
      size += len;
      def.setInput(b, off, len);
      while (!def.needsInput()) {
        int n = def.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
        if (n > 0) {
          out.write(buf, 0, n);
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        def.finish();
        while (!def.finished()) {
          int n = def.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
          out.write(buf, 0, n);
        }
        int c = (int) crc.getValue();
        int z = (int) size;
        out.write(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
            (byte) z, (byte) (z >>> 8), (byte) (z >>> 16), (byte) (z >>> 24)});
      } finally {
        def.reset();
        out.close();
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
