package dev.hindsight.cli;

import dev.hindsight.ingest.DateRange;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.lake.Lake;
import dev.hindsight.lake.RunLog;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.FeaturesJob;
import dev.hindsight.score.ScoreJob;
import dev.hindsight.score.ScoringConfig;
import dev.hindsight.score.geo.GeoIp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps the CLI chains (score = features + scores), each recorded as its own run. */
final class Pipeline {
  private Pipeline() {}

  static Map<String, Object> score(Lake lake, ScoringConfig config, GeoIp geo, LocalDate from, LocalDate to,
      List<String> args, String master) {
    RunLog run = new RunLog("score", args, master).dates(from, to);
    return Jobs.run(lake, run, () -> {
      long features = new FeaturesJob(lake, config, geo, run).execute(from, to);
      run.wrote("credential_daily", features).version("credential_daily", lake.version("credential_daily"));
      long scores = new ScoreJob(lake, config, geo.available(), run).execute(from, to);
      run.wrote("scores", scores).version("scores", lake.version("scores"));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", run.runId());
      m.put("days", from + ".." + to);
      m.put("credential_daily_rows", features);
      m.put("score_rows", scores);
      m.put("config_version", config.version());
      m.put("geoip", geo.available() ? "on" : "off (geo detectors skipped)");
      return m;
    });
  }

  static Map<String, Object> publish(Lake lake, ScoringConfig config, LocalDate from, LocalDate to, List<String> args,
      String master) {
    RunLog run = new RunLog("publish", args, master).dates(from, to);
    return Jobs.run(lake, run, () -> {
      long n = new PublishJob(lake, config, run).execute(from, to);
      run.wrote("findings", n).version("findings", lake.version("findings"));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("run_id", run.runId());
      m.put("days", from + ".." + to);
      m.put("findings", n);
      return m;
    });
  }

  static IngestJob.Result ingest(Lake lake, String source, String input, LocalDate from, LocalDate to,
      List<String> args, String master) {
    return ingest(lake, source, java.util.Map.of(), input, from, to, args, master);
  }

  static IngestJob.Result ingest(Lake lake, String source, java.util.Map<String, String> sourceOptions, String input,
      LocalDate from, LocalDate to, List<String> args, String master) {
    RunLog run = new RunLog("ingest", args, master);
    IngestJob.Options options = new IngestJob.Options(source, input, new DateRange(from, to), false, 0.01, null,
        sourceOptions);
    return Jobs.run(lake, run, () -> new IngestJob(lake, options, run).execute());
  }
}
