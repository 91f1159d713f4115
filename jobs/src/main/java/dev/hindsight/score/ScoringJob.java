package dev.hindsight.score;

import dev.hindsight.error.Checks;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.lake.LateData;
import dev.hindsight.score.geo.GeoIp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hindsight score}: credential_daily then scores for a range of days, as one run (one {@code runs} row
 * that records both tables), each day as if scored on that day. With a late-data look-back, the run starts at the
 * earliest of the days before the range whose events changed since they were scored ({@link LateData}) and
 * records the days before the range it redid as restated.
 */
public final class ScoringJob implements Job<ScoringJob.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

  /** What the run wrote. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long featureRows, long scoreRows,
      String configVersion, boolean geoip, List<LocalDate> restated, List<LocalDate> lateEvents)
      implements Job.Result {
    public Result {
      restated = List.copyOf(restated);
      lateEvents = List.copyOf(lateEvents);
    }

    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
      if (!restated.isEmpty()) {
        m.put("restated", restated.get(0) + ".." + restated.get(restated.size() - 1)
            + " (late events on " + lateEvents.stream().map(LocalDate::toString).collect(Collectors.joining(", "))
            + ")");
      }
      m.put("credential_daily_rows", featureRows);
      m.put("score_rows", scoreRows);
      m.put("config_version", configVersion);
      m.put("geoip", geoip ? "on" : "off (geo detectors skipped)");
      return m;
    }
  }

  private final ScoringConfig config;
  private final GeoIp geo;
  private final LocalDate from;
  private final LocalDate to;
  private final int lateDays;

  /** Scores {@code from..to} only. */
  public ScoringJob(ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to) {
    this(config, geo, from, to, 0);
  }

  /**
   * @param lateDays how many days before {@code from} to look at for events that arrived after the day was scored
   *     (0: none); those days, and every day after the first of them, are scored again
   */
  public ScoringJob(ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to, int lateDays) {
    if (config == null || geo == null) {
      throw Errors.usage("Cannot score: a scoring configuration and a GeoIp (possibly GeoIp.none()) are required");
    }
    Checks.range("score", from, to);
    this.config = config;
    this.geo = geo;
    this.from = from;
    this.to = to;
    this.lateDays = LateData.checkDays("--late-days", lateDays);
  }

  @Override
  public String command() {
    return "score";
  }

  @Override
  public String description() {
    return "score " + from + ".." + to;
  }

  @Override
  public Result execute(JobContext ctx) {
    long t0 = System.nanoTime();
    List<LocalDate> late = LateData.eventsChangedSinceScored(ctx.lake(), from, lateDays);
    LocalDate start = late.isEmpty() ? from : late.get(0);
    List<LocalDate> restated = LateData.through(start, from);
    if (lateDays > 0) {
      LOG.info("score: late-data check of the {} days before {} in {} ms: {}", lateDays, from,
          (System.nanoTime() - t0) / 1_000_000, late.isEmpty() ? "nothing late"
              : "events arrived for " + late + " after they were scored, scoring " + start + ".." + to);
    }
    FeaturesJob.Result features = new FeaturesJob(config, geo, start, to).execute(ctx);
    ScoreJob.Result scores = new ScoreJob(config, geo.available(), start, to).execute(ctx);
    ctx.run().dates(from, to).restated(restated);
    return new Result(ctx.run().runId(), ctx.run().status(), from, to, features.rows(), scores.rows(),
        config.version(), geo.available(), restated, late);
  }
}
