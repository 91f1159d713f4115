package dev.hindsight.audit;

import dev.hindsight.lake.Hashes;
import dev.hindsight.error.Errors;
import dev.hindsight.lake.Lake;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a sample an auditor was given: the export's bytes against the manifest's sha256 and size, and,
 * with a lake, a fresh draw at the manifest's pinned Delta version against the export.
 */
public final class SampleVerifier {
  /** One check and whether it held. */
  public record Check(String name, boolean ok, String detail) {}

  private SampleVerifier() {}

  /**
   * @param folder the sample's folder (holds manifest.json and the export)
   * @param redraw also draw the sample again from the lake and compare
   */
  public static List<Check> verify(Lake lake, String folder, boolean redraw) {
    String dir = Lake.normalize(folder);
    HadoopFiles files = new HadoopFiles(lake);
    String manifestUri = dir + "/manifest.json";
    if (!files.exists(manifestUri)) {
      throw Errors.usage("--out " + folder + " holds no manifest.json");
    }
    Manifest m = Manifest.read(files.readString(manifestUri));
    List<Check> checks = new ArrayList<>();
    String exportUri = dir + "/" + m.exportFile();
    if (!files.exists(exportUri)) {
      checks.add(new Check("export present", false, exportUri + " is missing"));
      return checks;
    }
    byte[] export = files.read(exportUri);
    String sha = Hashes.sha256Hex(export);
    checks.add(new Check("export sha256", sha.equals(m.exportSha256()),
        "manifest " + m.exportSha256() + ", file " + sha));
    checks.add(new Check("export size", export.length == m.exportBytes(),
        "manifest " + m.exportBytes() + " bytes, file " + export.length));
    if (redraw) {
      SampleJob.Drawn d = SampleJob.draw(lake, m.options(folder));
      String again = Hashes.sha256Hex(d.export());
      checks.add(new Check("sample id", d.sampleId().equals(m.sampleId()),
          "manifest " + m.sampleId() + ", redrawn " + d.sampleId()));
      checks.add(new Check("redraw at " + m.table() + " version " + m.tableVersion(), again.equals(m.exportSha256()),
          "redrawn sha256 " + again));
    }
    return checks;
  }
}
