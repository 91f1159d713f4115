package dev.hindsight.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pure helpers for findings: episodes, stable ids, severity, the one-sentence summary. */
public final class Episodes {
  private Episodes() {}

  /** Splits sorted distinct days into runs of consecutive days (a gap of more than maxGap days starts a new one). */
  public static List<List<LocalDate>> split(List<LocalDate> sortedDays, int maxGap) {
    List<List<LocalDate>> out = new ArrayList<>();
    List<LocalDate> cur = new ArrayList<>();
    for (LocalDate d : sortedDays) {
      if (!cur.isEmpty() && d.isAfter(cur.get(cur.size() - 1).plusDays(maxGap))) {
        out.add(cur);
        cur = new ArrayList<>();
      }
      if (cur.isEmpty() || !cur.get(cur.size() - 1).equals(d)) {
        cur.add(d);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  /** The finding id of the episode that starts on {@code firstDay}: {@link dev.hindsight.lake.Ids#findingId}. */
  public static String findingId(String credentialId, LocalDate firstDay) {
    return dev.hindsight.lake.Ids.findingId(credentialId, firstDay);
  }

  public static String severity(double score) {
    return score >= 90 ? "critical" : score >= 75 ? "high" : score >= 60 ? "medium" : "low";
  }

  /** How a credential is named at the start of a summary: "key AKIA...", "role deploy", "user alice", ... */
  public static String subject(String credentialId, String credentialType, String principal) {
    String type = credentialType == null ? "" : credentialType;
    String name = lastPart(principal != null ? principal : credentialId);
    return switch (type) {
      case "access_key" -> "key " + credentialId + (principal != null ? " (" + lastPart(principal) + ")" : "");
      case "role_session" -> "role " + lastPart(credentialId);
      case "console_session", "user_session" -> "user " + name;
      case "root" -> "root of account " + credentialId.replaceAll("\\D", "");
      case "aws_service" -> "service " + credentialId;
      case "federated_session" -> "federated sessions of " + lastPart(credentialId);
      default -> (type.isEmpty() ? "credential " : type.replace('_', ' ') + " ") + credentialId;
    };
  }

  /** "key AKIA... (alice) called 3 never-used regions; came from a new ASN (AS14061) [2 days, us-east-1, ...]" */
  public static String summary(String subject, List<String> reasons, List<LocalDate> days, List<String> regions) {
    StringBuilder sb = new StringBuilder(subject).append(' ');
    List<String> top = reasons.subList(0, Math.min(3, reasons.size()));
    sb.append(top.isEmpty() ? "behaved unusually" : String.join("; ", top));
    if (reasons.size() > 3) {
      sb.append(String.format(Locale.ROOT, " (+%d more)", reasons.size() - 3));
    }
    sb.append(days.size() == 1 ? " on " + days.get(0) : " over " + days.size() + " days from " + days.get(0));
    if (!regions.isEmpty() && !(regions.size() == 1 && regions.get(0).isEmpty())) {
      sb.append(" in ").append(regions.size() <= 3 ? String.join(", ", regions) : regions.size() + " regions");
    }
    return sb.toString();
  }

  private static String lastPart(String s) {
    if (s == null) {
      return "?";
    }
    int i = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
    return i < 0 || i == s.length() - 1 ? s : s.substring(i + 1);
  }
}
