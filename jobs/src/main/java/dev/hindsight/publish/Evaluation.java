package dev.hindsight.publish;

import dev.hindsight.error.Errors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores findings against labels (the generator's labels.json): where each labelled incident ranks, recall of
 * the incidents in the top K, precision of the top K, and which benign look-alikes intrude into the top K.
 */
public final class Evaluation {
  /** One labelled incident or confounder. */
  public record Label(String id, String kind, String label, Set<String> credentialIds, LocalDate first,
      LocalDate last) {
    public boolean malicious() {
      return !"benign".equals(label);
    }
  }

  /** A finding as ranked (rank 1 = highest score). */
  public record Ranked(int rank, String findingId, String credentialId, LocalDate first, LocalDate last,
      double score) {}

  /** Where a label landed: rank 0 when no finding matched. */
  public record Match(Label label, int rank, Ranked finding) {}

  public record Result(int top, List<Match> matches, double recallAtTop, double precisionAtTop,
      int confoundersInTop, int findings) {}

  private Evaluation() {}

  public static List<Label> labels(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(file));
      List<Label> out = new ArrayList<>();
      for (String group : new String[] {"incidents", "confounders"}) {
        for (JsonNode n : root.path(group)) {
          if (!n.hasNonNull("first_seen") || !n.hasNonNull("last_seen")) {
            continue; // planned, but no event of it fell inside the generated days: nothing to find
          }
          Set<String> ids = new HashSet<>();
          if (n.hasNonNull("credential_id")) {
            ids.add(n.get("credential_id").asText());
          }
          n.path("related_credential_ids").forEach(x -> ids.add(x.asText()));
          out.add(new Label(n.path("id").asText(), n.path("kind").asText(),
              n.path("label").asText(group.equals("incidents") ? "malicious" : "benign"), ids,
              day(n.path("first_seen").asText()), day(n.path("last_seen").asText())));
        }
      }
      return out;
    } catch (IOException e) {
      throw Errors.usage("Cannot read labels " + file + ": " + e.getMessage());
    }
  }

  private static LocalDate day(String iso) {
    return iso.length() == 10 ? LocalDate.parse(iso) : Instant.parse(iso).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** @param ranked findings sorted by score, highest first, rank 1-based */
  public static Result evaluate(List<Label> labels, List<Ranked> ranked, int top) {
    List<Match> matches = new ArrayList<>();
    Set<String> incidentFindings = new HashSet<>();
    for (Label l : labels) {
      Ranked hit = null;
      for (Ranked f : ranked) {
        if (l.credentialIds().contains(f.credentialId()) && !f.first().isAfter(l.last())
            && !f.last().isBefore(l.first())) {
          if (hit == null) {
            hit = f;
          }
          if (l.malicious()) {
            incidentFindings.add(f.findingId());
          }
        }
      }
      matches.add(new Match(l, hit == null ? 0 : hit.rank(), hit));
    }
    long incidents = labels.stream().filter(Label::malicious).count();
    long found = matches.stream().filter(m -> m.label().malicious() && m.rank() > 0 && m.rank() <= top).count();
    int k = Math.min(top, ranked.size());
    long relevant = ranked.stream().limit(top).filter(f -> incidentFindings.contains(f.findingId())).count();
    int confounders = (int) matches.stream().filter(m -> !m.label().malicious() && m.rank() > 0 && m.rank() <= top)
        .count();
    return new Result(top, matches, incidents == 0 ? 0 : (double) found / incidents, k == 0 ? 0 : (double) relevant / k,
        confounders, ranked.size());
  }
}
