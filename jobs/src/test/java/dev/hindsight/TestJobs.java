package dev.hindsight;

import dev.hindsight.job.JobRunner;
import dev.hindsight.lake.Lake;
import java.util.List;

/** Tests run jobs the way the CLI does: through a {@link JobRunner} that records each run. */
public final class TestJobs {
  private TestJobs() {}

  public static JobRunner runner(Lake lake) {
    return new JobRunner(lake, List.of("test"), "local[2]");
  }
}
