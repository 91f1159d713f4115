package dev.hindsight.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.hindsight.error.Checks;
import dev.hindsight.error.Errors;
import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.job.ComposedJob;
import dev.hindsight.job.JobRunner;
import dev.hindsight.lake.Lake;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.ScoringJob;
import dev.hindsight.score.geo.GeoIp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain every schedule runs: ingest (one step per source) -> score -> publish, over a range of days in chunks
 * of {@code chunkDays}, in date order. The nightly {@code run} is one chunk of one day; {@code backfill} is many
 * chunks that resume after the last finished one. Each step is its own recorded run; the first failure ends the
 * chain (a rerun resumes: ingest skips files already read, score and publish are idempotent per range).
 */
public final class PipelineJob implements ComposedJob<PipelineJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

  /** What a chunk did; {@code skipped} when it had already finished (resume) and nothing ran. */
  public record Chunk(LocalDate from, LocalDate to, boolean skipped, List<IngestJob.Result> ingests,
      ScoringJob.Result score, PublishJob.Result publish) {
    public Chunk {
      ingests = List.copyOf(ingests);
    }

    /** New events the chunk's ingests wrote. */
    public long eventsWritten() {
      return ingests.stream().mapToLong(IngestJob.Result::eventsWritten).sum();
    }

    /** Files the chunk's ingests read. */
    public long filesRead() {
      return ingests.stream().mapToLong(IngestJob.Result::filesRead).sum();
    }

    /** Days in the chunk. */
    public long days() {
      return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }
  }

  /** Every chunk, in date order. */
  public record Result(List<Chunk> chunks) {
    public Result {
      chunks = List.copyOf(chunks);
    }
  }

  /**
   * @param ingests the sources to read, in order; with {@code ingestByChunk} each is read for the chunk's days
   *     only (its own range is replaced), else with the range it carries (e.g. {@link DateRange#ALL})
   * @param chunkDays days per chunk, 1..366
   * @param resume skip a chunk whose publish run succeeded after a score with this configuration
   * @param lateDays the look-back of each chunk's score and publish for days before it whose input changed since
   *     (late events, e.g. the previous chunk's last day delivered in this chunk's files; see LateData)
   */
  public record Options(List<IngestJob.Options> ingests, boolean ingestByChunk, LocalDate from, LocalDate to,
      int chunkDays, boolean resume, ScoringConfig config, GeoIp geo, int lateDays) {
    /** Without a late-data look-back. */
    public Options(List<IngestJob.Options> ingests, boolean ingestByChunk, LocalDate from, LocalDate to,
        int chunkDays, boolean resume, ScoringConfig config, GeoIp geo) {
      this(ingests, ingestByChunk, from, to, chunkDays, resume, config, geo, 0);
    }

    public Options {
      ingests = List.copyOf(ingests == null ? List.of() : ingests);
      Checks.range("run the pipeline", from, to);
      if (chunkDays < 1 || chunkDays > 366) {
        throw Errors.outOfRange("--chunk-days", "within 1..366", chunkDays);
      }
      if (config == null || geo == null) {
        throw Errors.usage("Cannot run the pipeline: a scoring configuration and a GeoIp are required");
      }
      dev.hindsight.lake.LateData.checkDays("--late-days", lateDays);
    }
  }

  /** Told of each chunk as it starts and ends: progress for long backfills (a lambda is told of the end only). */
  @FunctionalInterface
  public interface Listener {
    /** A chunk that has work to do starts (not called for a chunk skipped on resume). */
    default void chunkStarted(LocalDate from, LocalDate to) {}

    /** A chunk ended: ran, or was skipped because it had already finished. */
    void chunkFinished(Chunk chunk);
  }

  private final Options options;
  private final Listener listener;

  /** @param listener told of each chunk as it starts and ends (progress for long backfills); may be null */
  public PipelineJob(Options options, Listener listener) {
    if (options == null) {
      throw Errors.usage("Cannot run the pipeline: no options");
    }
    this.options = options;
    this.listener = listener == null ? c -> { } : listener;
  }

  public Options options() {
    return options;
  }

  /** The chunks the range falls into, in date order. */
  public List<DateRange> chunkRanges() {
    List<DateRange> ranges = new ArrayList<>();
    for (LocalDate start = options.from(); !start.isAfter(options.to()); start = start.plusDays(options.chunkDays())) {
      LocalDate end = start.plusDays(options.chunkDays() - 1L).isAfter(options.to()) ? options.to()
          : start.plusDays(options.chunkDays() - 1L);
      ranges.add(new DateRange(start, end));
    }
    return ranges;
  }

  @Override
  public Result execute(JobRunner runner) {
    List<Chunk> chunks = new ArrayList<>();
    for (DateRange range : chunkRanges()) {
      LocalDate start = range.from();
      LocalDate end = range.to();
      Chunk chunk;
      if (options.resume() && finished(runner.lake(), start, end, options.config().version())) {
        chunk = new Chunk(start, end, true, List.of(), null, null);
      } else {
        listener.chunkStarted(start, end);
        chunk = runChunk(runner, start, end);
      }
      chunks.add(chunk);
      listener.chunkFinished(chunk);
    }
    return new Result(chunks);
  }

  private Chunk runChunk(JobRunner runner, LocalDate from, LocalDate to) {
    LOG.info("pipeline chunk {}..{}: {} ingest step(s), score, publish", from, to, options.ingests().size());
    List<IngestJob.Result> ingests = new ArrayList<>();
    for (IngestJob.Options template : options.ingests()) {
      IngestJob.Options o = options.ingestByChunk() ? template.withRange(new DateRange(from, to)) : template;
      ingests.add(runner.run(new IngestJob(o)));
    }
    ScoringJob.Result score = runner.run(new ScoringJob(options.config(), options.geo(), from, to,
        options.lateDays()));
    PublishJob.Result publish = runner.run(new PublishJob(options.config(), from, to, options.lateDays()));
    return new Chunk(from, to, false, ingests, score, publish);
  }

  /** A chunk is done when a publish run for exactly its dates succeeded and its days were scored with this config. */
  static boolean finished(Lake lake, LocalDate from, LocalDate to, String configVersion) {
    if (!lake.exists("runs") || !lake.exists("scores")) {
      return false;
    }
    boolean published = !lake.read("runs").where(col("command").equalTo("publish")
        .and(col("status").equalTo("succeeded"))
        .and(col("date_from").equalTo(lit(from))).and(col("date_to").equalTo(lit(to)))).isEmpty();
    boolean scoredWithConfig = !lake.read("scores").where(col("event_date").between(lit(from), lit(to))
        .and(col("config_version").equalTo(configVersion))).isEmpty();
    return published && scoredWithConfig;
  }
}
