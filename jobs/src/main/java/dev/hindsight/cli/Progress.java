package dev.hindsight.cli;

import dev.hindsight.audit.ReportJob;
import dev.hindsight.ingest.IngestJob;
import dev.hindsight.job.Job;
import dev.hindsight.job.JobRunner;
import dev.hindsight.publish.PublishJob;
import dev.hindsight.score.ScoringJob;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What a quiet command shows while it runs: one line per stage with its counts and elapsed time,
 *
 * <pre>
 * [ 3/12] ingest cloudtrail             33,753 files     179,432 events        41.2 s
 * </pre>
 *
 * and, only when stdout is a terminal, an updating line for the stage that runs now (its current step, the
 * elapsed time, Spark's tasks done in the active stages, the time left when it is known). Elsewhere (a pipe, a
 * file, CI, the tests) the lines are plain. Driven by a {@link JobRunner}'s listeners ({@link #stages} or
 * {@link #steps}) or by the command itself ({@link #start}, {@link #done}).
 */
public final class Progress implements AutoCloseable {
  /** The updating line never gets longer than this (so it never wraps on an 80-column terminal). */
  static final int LIVE_WIDTH = 79;
  private static final int LABEL_WIDTH = 26;
  private static final int COUNTS_WIDTH = 44;

  private final PrintWriter out;
  private final boolean live;
  private final LongSupplier clock;
  private int total;
  private int index;
  private String label;
  private long started = -1;
  private String step = "";
  private long leftNanos = -1;
  private long leftSince;
  private Supplier<String> status = () -> "";
  private int shown;
  private ScheduledExecutorService ticker;

  /**
   * @param live an updating line (only when stdout is a terminal: {@link #terminal()})
   * @param total stages expected, for the "[ 3/12]" prefix; 0 or 1 for none
   */
  public Progress(PrintWriter out, boolean live, int total) {
    this(out, live, total, System::nanoTime);
  }

  Progress(PrintWriter out, boolean live, int total, LongSupplier clock) {
    this.out = out;
    this.live = live;
    this.total = total;
    this.clock = clock;
  }

  /** Whether stdout is an interactive terminal: {@code System.console()} (Java 22+: and it is a terminal). */
  public static boolean terminal() {
    Console c = System.console();
    if (c == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 a console is there only on a terminal
    }
  }

  /** Shows Spark's tasks done in the active stages on the updating line. */
  public Progress sparkTasks(SparkContext sc) {
    if (live && sc != null) {
      var tracker = JavaSparkContext.fromSparkContext(sc).statusTracker();
      status = () -> {
        int done = 0;
        int all = 0;
        for (int id : tracker.getActiveStageIds()) {
          SparkStageInfo s = tracker.getStageInfo(id);
          if (s != null) {
            done += s.numCompletedTasks();
            all += s.numTasks();
          }
        }
        return all == 0 ? "" : bar(done, all) + String.format(Locale.ROOT, " %,d/%,d tasks", done, all);
      };
    }
    return this;
  }

  /** Each run of {@code runner} is one stage: its line says what the run did ({@link #counts}). */
  public JobRunner stages(JobRunner runner) {
    return runner.onStarted(job -> start(label(job))).onFinished((job, r) -> done(counts(r)));
  }

  /** Each run of {@code runner} is a step of the current stage: named on the updating line only. */
  public JobRunner steps(JobRunner runner) {
    return runner.onStarted(job -> step(job.command()));
  }

  /** Changes the number of stages expected. */
  public synchronized Progress total(int n) {
    this.total = n;
    return this;
  }

  /** Starts the next stage (a stage still open is ended first, as finished without counts). */
  public synchronized void start(String name) {
    if (started >= 0) {
      done("");
    }
    index++;
    label = name;
    step = "";
    leftNanos = -1;
    started = clock.getAsLong();
    if (live) {
      if (ticker == null) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "hindsight-progress");
          t.setDaemon(true);
          return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
      }
      redraw();
    }
  }

  /** Names the step of the current stage that runs now (the updating line shows it). */
  public synchronized void step(String name) {
    step = name == null ? "" : name;
    redraw();
  }

  /** The time left from now (negative: unknown); the updating line counts it down. */
  public synchronized void left(long nanos) {
    leftNanos = nanos;
    leftSince = clock.getAsLong();
    redraw();
  }

  /** Ends the current stage with its line; returns the stage's elapsed nanoseconds. */
  public synchronized long done(String counts) {
    return done(counts, "");
  }

  /** Ends the current stage with its line and {@code after} the elapsed time (a rate, the days done). */
  public synchronized long done(String counts, String after) {
    long elapsed = started < 0 ? 0 : clock.getAsLong() - started;
    clearLive();
    String line = stageLine(prefix(), label == null ? "" : label, counts, seconds(elapsed));
    out.println(after == null || after.isEmpty() ? line : line + "  " + after);
    out.flush();
    started = -1;
    return elapsed;
  }

  /** A line of its own (the updating line, if any, is cleared first and comes back at the next tick). */
  public synchronized void line(String text) {
    clearLive();
    out.println(text);
    out.flush();
  }

  /** Elapsed nanoseconds of the current stage (0 when none runs). */
  public synchronized long elapsed() {
    return started < 0 ? 0 : clock.getAsLong() - started;
  }

  /** Ends a stage still open as failed (the command ended by an error) and stops the updating line. */
  @Override
  public synchronized void close() {
    if (started >= 0) {
      done("failed");
    }
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  private String prefix() {
    if (total <= 1) {
      return "";
    }
    int w = Integer.toString(total).length();
    return String.format(Locale.ROOT, "[%" + w + "d/%d] ", index, total);
  }

  static String stageLine(String prefix, String label, String counts, String elapsed) {
    // a name or counts longer than their column still stand two spaces apart from what follows
    String name = label.length() < LABEL_WIDTH ? label : label + " ";
    String what = counts.length() < COUNTS_WIDTH - 1 ? counts : counts + "  ";
    return String.format(Locale.ROOT, "%s%-" + LABEL_WIDTH + "s %-" + COUNTS_WIDTH + "s%10s", prefix, name,
        what, elapsed).stripTrailing();
  }

  private synchronized void redraw() {
    if (!live || started < 0) {
      return;
    }
    String s;
    try {
      s = status.get();
    } catch (RuntimeException e) {
      s = ""; // the session may be stopping
    }
    StringBuilder b = new StringBuilder(prefix()).append(label);
    if (!step.isEmpty()) {
      b.append(": ").append(step);
    }
    b.append("  ").append(clockTime(clock.getAsLong() - started));
    if (leftNanos >= 0) {
      b.append("  ").append(leftText(Math.max(0, leftNanos - (clock.getAsLong() - leftSince))));
    }
    if (!s.isEmpty()) {
      b.append("  ").append(s);
    }
    String text = b.length() > LIVE_WIDTH ? b.substring(0, LIVE_WIDTH) : b.toString();
    out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
    out.flush();
    shown = text.length();
  }

  private void clearLive() {
    if (live && shown > 0) {
      out.print("\r" + " ".repeat(shown) + "\r");
      shown = 0;
    }
  }

  /** The stage name of a run: "ingest cloudtrail", "score", "publish", "report". */
  static String label(Job<?> job) {
    return job instanceof IngestJob i ? "ingest " + i.options().source() : job.command();
  }

  /** What a run did, in a few aligned counts. */
  static String counts(Job.Result r) {
    if (r instanceof IngestJob.Result i) {
      if ("noop".equals(i.status())) {
        return String.format(Locale.ROOT, "nothing new (%,d files read before)", i.filesAlreadyIngested());
      }
      return String.format(Locale.ROOT, "%,9d files %,11d events", i.filesRead(), i.eventsWritten())
          + (i.quarantined() > 0 ? String.format(Locale.ROOT, ", %,d quarantined", i.quarantined()) : "");
    }
    if (r instanceof ScoringJob.Result s) {
      return String.format(Locale.ROOT, "%,9d scores      GeoIP %s", s.scoreRows(), s.geoip() ? "on" : "off");
    }
    if (r instanceof PublishJob.Result p) {
      return String.format(Locale.ROOT, "%,9d findings", p.findings());
    }
    if (r instanceof ReportJob.Result p) {
      return String.format(Locale.ROOT, "%,9d findings %,8d KB", p.findings(), (p.bytes() + 1023) / 1024);
    }
    return r.status();
  }

  /** "41.2 s", "4 min 05 s", "1 h 05 min". */
  static String seconds(long nanos) {
    double s = nanos / 1e9;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
  }

  /** "0:41", "12:05", "1:02:03". */
  static String clockTime(long nanos) {
    long s = Math.max(0, nanos / 1_000_000_000L);
    return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
  }

  /** "1,234 files/s" over {@code nanos}; "" when no time passed. */
  static String rate(long count, String unit, long nanos) {
    if (nanos <= 0) {
      return "";
    }
    double perSecond = count / (nanos / 1e9);
    return perSecond >= 10 ? String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit)
        : String.format(Locale.ROOT, "%.1f %s/s", perSecond, unit);
  }

  /**
   * The time left when {@code done} of {@code total} units took {@code nanos} at a steady rate: "~2 h 20 min
   * left", "~4 min left", "<1 min left"; "" when nothing is done yet (unknown) or everything is.
   */
  static String timeLeft(double done, double total, long nanos) {
    return leftText(nanosLeft(done, total, nanos));
  }

  /** The nanoseconds left at the pace of {@code done} of {@code total} units in {@code nanos}; -1 when unknown. */
  static long nanosLeft(double done, double total, long nanos) {
    if (done <= 0 || done >= total || nanos <= 0) {
      return -1;
    }
    return Math.round(nanos * (total - done) / done);
  }

  /** "~2 h 20 min left", "~4 min left", "<1 min left"; "" for unknown (negative). */
  static String leftText(long nanos) {
    if (nanos < 0) {
      return "";
    }
    long s = Math.round(nanos / 1e9);
    if (s < 60) {
      return "<1 min left";
    }
    if (s < 3600) {
      return "~" + Math.round(s / 60.0) + " min left";
    }
    return String.format(Locale.ROOT, "~%d h %02d min left", s / 3600, s % 3600 / 60);
  }

  static String bar(int done, int all) {
    int n = all <= 0 ? 0 : (int) Math.min(10, (long) done * 10 / all);
    return "[" + "=".repeat(n) + " ".repeat(10 - n) + "]";
  }
}
