package dev.hindsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.error.Errors;
import dev.hindsight.lake.Lake;
import dev.hindsight.notify.Destination;
import dev.hindsight.notify.NotifyJob;
import dev.hindsight.notify.Sender;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {"Send one message per finding at or above --min-score that is new, reopened (triage) or"
        + " escalated (a higher score than was sent) for this destination, to a JSON webhook or a Slack incoming"
        + " webhook. Each delivered message is recorded in the notifications table (with a sha256 of the URL,"
        + " never the URL), so a rerun sends only what was not delivered yet. Findings triaged false_positive or"
        + " resolved are not sent; acknowledged ones only when they escalate.",
        "The URL can hold a secret (a Slack webhook URL is one): prefer --webhook-env / --slack-env, which read it"
            + " from an environment variable and keep it off the command line."})
final class NotifyCommand implements Callable<Integer> {
  /** The environment variable the DAG passes the URL in, and the default name of --webhook-env / --slack-env. */
  static final String URL_ENV = "HINDSIGHT_WEBHOOK_URL";

  @Mixin SparkOptions spark;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Destination (one of):%n")
  Target target;

  static final class Target {
    @Option(names = "--webhook", paramLabel = "URL", description = "POST a JSON object per finding to URL")
    String webhook;

    @Option(names = "--slack", paramLabel = "URL", description = "POST a Slack message per finding to this incoming-webhook URL")
    String slack;

    @Option(names = "--webhook-env", paramLabel = "VAR", arity = "0..1", fallbackValue = URL_ENV,
        description = "Like --webhook, the URL read from environment variable VAR (default " + URL_ENV + ")")
    String webhookEnv;

    @Option(names = "--slack-env", paramLabel = "VAR", arity = "0..1", fallbackValue = URL_ENV,
        description = "Like --slack, the URL read from environment variable VAR (default " + URL_ENV + ")")
    String slackEnv;
  }

  @Option(names = "--since-last-run",
      description = "Send what is new, reopened or escalated since the messages already delivered to this"
          + " destination (the notifications table); the default, and for now the only mode")
  boolean sinceLastRun;

  @Option(names = "--min-score", paramLabel = "X", defaultValue = "60",
      description = "Only findings scoring at least X, 0..100 (default: ${DEFAULT-VALUE}: medium and up)")
  double minScore;

  @Option(names = "--seen-since", paramLabel = "YYYY-MM-DD",
      description = "Only findings last seen on or after this day (a first run on a lake with history need not"
          + " send every old finding)")
  LocalDate seenSince;

  @Option(names = "--dry-run", description = "Print the messages that would be sent; send and record nothing")
  boolean dryRun;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
      description = "Tries per message on a connection error, a timeout, 429 or 5xx (default: ${DEFAULT-VALUE})")
  int attempts;

  @Option(names = "--retry-delay", paramLabel = "MS", defaultValue = "1000",
      description = "First back-off in milliseconds, doubled each retry with jitter, at most 60 s; a 429's"
          + " Retry-After wins (default: ${DEFAULT-VALUE})")
  long retryDelayMillis;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Time to wait for the receiver's answer, per attempt (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() {
    return call(System::getenv);
  }

  Integer call(UnaryOperator<String> env) {
    if (timeoutSeconds < 1) {
      throw Errors.outOfRange("--timeout", "at least 1 second", timeoutSeconds);
    }
    if (retryDelayMillis < 0) {
      throw Errors.outOfRange("--retry-delay", "0 ms or more", retryDelayMillis);
    }
    Sender.Settings delivery = Sender.Settings.defaults().withAttempts(attempts)
        .withBaseDelay(Duration.ofMillis(retryDelayMillis)).withRequestTimeout(Duration.ofSeconds(timeoutSeconds));
    NotifyJob job = new NotifyJob(new NotifyJob.Options(destination(env), minScore, seenSince, dryRun, delivery));
    SparkSession session = spark.session("hindsight notify");
    try {
      Lake lake = spark.open(session);
      NotifyJob.Result r = spark.runner(lake, spec).run(job);
      PrintWriter out = spec.commandLine().getOut();
      if (dryRun) {
        ObjectMapper json = new ObjectMapper();
        for (String m : r.messages()) {
          try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(m)));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            out.println(m);
          }
        }
      }
      Output.summary(out, "notify", r.summary());
      return Hindsight.OK;
    } finally {
      spark.close(session);
    }
  }

  private Destination destination(UnaryOperator<String> env) {
    if (target.webhook != null) {
      return Destination.of(Destination.Kind.webhook, target.webhook, "--webhook");
    }
    if (target.slack != null) {
      return Destination.of(Destination.Kind.slack, target.slack, "--slack");
    }
    boolean slack = target.slackEnv != null;
    String var = slack ? target.slackEnv : target.webhookEnv;
    String option = (slack ? "--slack-env " : "--webhook-env ") + var;
    if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw Errors.usage("Cannot notify: " + option + " is not an environment variable name");
    }
    String url = env.apply(var);
    if (url == null || url.isBlank()) {
      throw Errors.usage("Cannot notify: the environment variable " + var + " (" + option.split(" ")[0]
          + ") is not set or empty");
    }
    return Destination.of(slack ? Destination.Kind.slack : Destination.Kind.webhook, url,
        "the environment variable " + var);
  }
}
