package dev.hindsight.score;

import dev.hindsight.error.Checks;
import dev.hindsight.error.Errors;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobContext;
import dev.hindsight.score.geo.GeoIp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hindsight score}: credential_daily then scores for a range of days, as one run (one {@code runs} row
 * that records both tables), each day as if scored on that day.
 */
public final class ScoringJob implements Job<ScoringJob.Result> {

  /** What the run wrote. */
  public record Result(String runId, String status, LocalDate from, LocalDate to, long featureRows, long scoreRows,
      String configVersion, boolean geoip) implements Job.Result {
    @Override
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("days", from + ".." + to);
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

  public ScoringJob(ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to) {
    if (config == null || geo == null) {
      throw Errors.usage("Cannot score: a scoring configuration and a GeoIp (possibly GeoIp.none()) are required");
    }
    Checks.range("score", from, to);
    this.config = config;
    this.geo = geo;
    this.from = from;
    this.to = to;
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
    FeaturesJob.Result features = new FeaturesJob(config, geo, from, to).execute(ctx);
    ScoreJob.Result scores = new ScoreJob(config, geo.available(), from, to).execute(ctx);
    return new Result(ctx.run().runId(), ctx.run().status(), from, to, features.rows(), scores.rows(),
        config.version(), geo.available());
  }
}
