package dev.hindsight.cli;

import dev.hindsight.error.Errors;
import dev.hindsight.lake.RemoteFiles;
import dev.hindsight.pull.UsageApi;
import dev.hindsight.pull.UsagePuller;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Page through a vendor's admin usage API for each UTC day of --from..--to and write the pages"
        + " as they came, one file per page, to <out>/<report>/YYYY/MM/DD/page-NNNN.json with a _pull.json per"
        + " day; then `hindsight ingest --source <source> --input <out>` reads them like any other source.",
        "anthropic-usage: the Messages usage report (key in ANTHROPIC_ADMIN_KEY). openai-usage: completions usage"
            + " (key in OPENAI_ADMIN_KEY). Grouped by every dimension that names a key; days already pulled are"
            + " skipped, days not final yet (the current day, and --settle-minutes after it) are left for later."
            + " The key is read from the environment only and never written anywhere."})
final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DateOptions dates;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "anthropic-usage or openai-usage")
  String source;

  @Option(names = "--out", required = true, paramLabel = "URI",
      description = "Where the pages go: a local path, file:// or s3a://bucket/prefix (the --input of ingest)")
  String out;

  @Option(names = "--key-env", paramLabel = "VAR",
      description = "Environment variable holding the admin key (default ANTHROPIC_ADMIN_KEY / OPENAI_ADMIN_KEY)")
  String keyEnv;

  @Option(names = "--api-url", paramLabel = "URL", description = "The API's root (default the vendor's)")
  String apiUrl;

  @Option(names = "--bucket-width", defaultValue = "1h", paramLabel = "W",
      description = "1m, 1h or 1d (default ${DEFAULT-VALUE}); pull one width into one --out")
  String width;

  @Option(names = "--settle-minutes", defaultValue = "60", paramLabel = "N",
      description = "A day is final N minutes after it ends (default ${DEFAULT-VALUE})")
  int settleMinutes;

  @Option(names = "--force", description = "Pull again days that already have a _pull.json")
  boolean force;

  @Option(names = "--attempts", defaultValue = "6", paramLabel = "N",
      description = "Tries per request on 429, 5xx and connection errors (default ${DEFAULT-VALUE})")
  int attempts;

  @Option(names = "--retry-delay-ms", defaultValue = "1000", paramLabel = "MS",
      description = "First back-off; it doubles per attempt, up to 60 s (default ${DEFAULT-VALUE})")
  long retryDelayMs;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Hadoop setting for --out as spark.hadoop.KEY=VALUE, repeatable (spark.hadoop.fs.s3a.endpoint=...)")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  public Integer call() {
    UsageApi api = UsageApi.bySource(source);
    if (api == null) {
      throw Errors.usage("Cannot pull '" + source + "': pull knows anthropic-usage and openai-usage");
    }
    if (settleMinutes < 0) {
      throw Errors.outOfRange("--settle-minutes", "0 or more", settleMinutes);
    }
    if (retryDelayMs < 0) {
      throw Errors.outOfRange("--retry-delay-ms", "0 or more", retryDelayMs);
    }
    String var = keyEnv != null ? keyEnv : api.keyEnv();
    Duration base = Duration.ofMillis(retryDelayMs);
    UsagePuller.Options o = new UsagePuller.Options(api, apiUrl != null ? apiUrl : api.defaultBaseUrl(), out,
        dates.from, dates.to, width, Duration.ofMinutes(settleMinutes), attempts, base,
        base.compareTo(Duration.ofSeconds(60)) > 0 ? base : Duration.ofSeconds(60), Duration.ofSeconds(60), force);
    String key = System.getenv(var);
    if (key == null || key.isBlank()) {
      throw Errors.usage("Cannot pull " + source + ": environment variable " + var + " holds no admin key");
    }
    UsagePuller.Result r = new UsagePuller(o, key, RemoteFiles.conf(conf), Clock.systemUTC()).run();
    spec.commandLine().getOut().println(r.summary());
    for (UsagePuller.Day d : r.days()) {
      if (!d.status().equals("pulled")) {
        continue;
      }
      spec.commandLine().getOut().println("  " + d.date() + ": " + d.pages() + " pages, " + d.buckets()
          + " buckets, " + d.rows() + " rows");
    }
    return Hindsight.OK;
  }
}
