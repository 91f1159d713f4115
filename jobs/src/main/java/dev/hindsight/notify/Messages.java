package dev.hindsight.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.lake.tables.Findings;
import dev.hindsight.lake.tables.Triage;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bodies notify posts, pure: a generic JSON object ({@link #webhook}) and a Slack incoming-webhook payload
 * ({@link #slack}), both from one {@link Notice}. Neither holds the destination URL nor any key material: the
 * credential is named by its id as stored in findings.
 */
public final class Messages {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** user:password@ in a lake URI (as RunLog masks it). */
  private static final Pattern URI_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
  /** Slack's limits: a header's text, a section's text, a field's text. */
  static final int SLACK_HEADER_MAX = 150;
  static final int SLACK_SECTION_MAX = 3000;
  static final int SLACK_FIELD_MAX = 2000;

  private Messages() {}

  /** What every message shares besides the notice: the lake it came from and the run that sent it. */
  public record Context(String lake, String runId) {
    public Context {
      lake = lake == null ? "" : URI_USERINFO.matcher(lake).replaceAll("$1*****@");
    }
  }

  /** The body for {@code kind}, as JSON text. */
  public static String body(Destination.Kind kind, Notice n, Context ctx) {
    ObjectNode o = kind == Destination.Kind.slack ? slack(n, ctx) : webhook(n, ctx);
    return o.toString();
  }

  /** The generic webhook's JSON object (its fields are documented in README, "Notifications"). */
  public static ObjectNode webhook(Notice n, Context ctx) {
    Findings f = n.finding();
    ObjectNode o = JSON.createObjectNode();
    o.put("source", "hindsight");
    o.put("notification_id", n.notificationId());
    o.put("kind", n.kind());
    o.put("text", headline(n) + ": " + f.summary());
    o.put("why", why(n));
    if (n.previousScore() == null) {
      o.putNull("previous_score");
    } else {
      o.put("previous_score", n.previousScore());
    }
    o.put("finding_id", f.findingId());
    o.put("summary", f.summary());
    o.put("score", f.score());
    o.put("severity", f.severity());
    o.put("credential_id", f.credentialId());
    o.put("credential_type", f.credentialType());
    o.put("principal", f.principal());
    o.put("account_id", f.accountId());
    o.put("first_seen", String.valueOf(f.firstSeen()));
    o.put("last_seen", String.valueOf(f.lastSeen()));
    o.put("days", f.days());
    array(o.putArray("regions"), f.regions());
    array(o.putArray("sources"), f.sources());
    array(o.putArray("detectors"), f.detectors());
    array(o.putArray("attack_techniques"), n.attackTechniques());
    Triage t = n.triage();
    if (t == null) {
      o.putNull("triage");
    } else {
      ObjectNode tri = o.putObject("triage");
      tri.put("status", t.status());
      tri.put("note", t.note());
      tri.put("changed_by", t.changedBy());
      tri.put("changed_at", String.valueOf(t.changedAt()));
    }
    o.put("investigate", investigate(ctx.lake(), f.findingId()));
    o.put("evidence", evidence(ctx.lake(), f.findingId()));
    o.put("lake", ctx.lake());
    o.put("run_id", ctx.runId());
    return o;
  }

  /** A Slack incoming-webhook payload: {@code text} (the notification's fallback) and mrkdwn {@code blocks}. */
  public static ObjectNode slack(Notice n, Context ctx) {
    Findings f = n.finding();
    ObjectNode o = JSON.createObjectNode();
    o.put("text", slackEscape(clip(headline(n) + ": " + f.summary(), SLACK_SECTION_MAX)));
    ArrayNode blocks = o.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", clip(headline(n), SLACK_HEADER_MAX));

    mrkdwnSection(blocks, "*" + clip(slackEscape(f.summary()), SLACK_SECTION_MAX - 2) + "*");

    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    field(fields, "Score", score(f.score()) + " (" + f.severity() + ")"
        + (n.previousScore() == null ? "" : ", was " + score(n.previousScore())));
    field(fields, "Credential", code(f.credentialId()) + (f.credentialType() == null ? "" : " " + f.credentialType()));
    field(fields, "Seen", f.firstSeen() + " to " + f.lastSeen() + " (" + f.days() + (f.days() == 1 ? " day)" : " days)"));
    field(fields, "Account", f.accountId() == null ? "-" : code(f.accountId()));
    field(fields, "Detectors", f.detectors().isEmpty() ? "-" : slackEscape(String.join(", ", f.detectors())));
    if (!n.attackTechniques().isEmpty()) {
      field(fields, "ATT&amp;CK", slackEscape(String.join(", ", n.attackTechniques())));
    }
    if (!f.regions().isEmpty()) {
      field(fields, "Regions", slackEscape(String.join(", ", f.regions())));
    }

    mrkdwnSection(blocks, "*Why now:* " + slackEscape(why(n)));
    mrkdwnSection(blocks, "*Investigate:*\n```" + codeBlock(investigate(ctx.lake(), f.findingId())) + "```\n"
        + "*Evidence:*\n```" + codeBlock(evidence(ctx.lake(), f.findingId())) + "```");

    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", clip("hindsight · finding " + code(f.findingId()) + " · notification "
            + code(n.notificationId()) + " · run " + code(ctx.runId()), SLACK_FIELD_MAX));
    return o;
  }

  /** "New finding, critical, score 92.0" / "Reopened finding, ..." / "Escalated finding, ...". */
  static String headline(Notice n) {
    String kind = switch (n.kind()) {
      case Eligibility.REOPENED -> "Reopened";
      case Eligibility.ESCALATED -> "Escalated";
      default -> "New";
    };
    return "hindsight: " + kind + " finding, " + n.finding().severity() + ", score " + score(n.finding().score());
  }

  /** Why the message is sent, in one sentence. */
  static String why(Notice n) {
    Findings f = n.finding();
    Triage t = n.triage();
    String rose = n.previousScore() == null ? ""
        : "its score rose from " + score(n.previousScore()) + " to " + score(f.score());
    return switch (n.kind()) {
      case Eligibility.REOPENED -> "reopened by " + t.changedBy() + " at " + t.changedAt()
          + (t.note() == null || t.note().isBlank() ? "" : ": " + t.note())
          + (rose.isEmpty() ? "" : "; " + rose);
      case Eligibility.ESCALATED -> "escalated: " + rose
          + (t != null && Eligibility.ACKNOWLEDGED.equals(t.status())
              ? " (acknowledged by " + t.changedBy() + " at " + score(t.findingScore()) + ")" : "");
      default -> "new finding above the threshold"
          + (t != null && Eligibility.REOPENED.equals(t.status())
              ? " (reopened by " + t.changedBy() + (t.note() == null || t.note().isBlank() ? "" : ": " + t.note())
                  + ")" : "");
    };
  }

  /** The command that prints the finding. */
  static String investigate(String lake, String findingId) {
    return "bin/hindsight sql --lake " + shellQuote(lake) + " --format json \"SELECT * FROM findings WHERE"
        + " finding_id = '" + findingId + "'\"";
  }

  /** The command that prints the finding's evidence events in time order. */
  static String evidence(String lake, String findingId) {
    return "bin/hindsight sql --lake " + shellQuote(lake) + " \"SELECT e.event_time, e.source, e.action, e.outcome,"
        + " e.region, e.source_ip, e.event_id FROM events e JOIN (SELECT explode(evidence_event_ids) AS event_id"
        + " FROM findings WHERE finding_id = '" + findingId + "') x ON e.event_id = x.event_id"
        + " ORDER BY e.event_time\"";
  }

  static String score(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }

  static String shellQuote(String s) {
    if (!s.isEmpty() && SHELL_SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Slack's mrkdwn control characters escaped (so no text of a finding can mention @channel or link). */
  static String slackEscape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String code(String s) {
    return "`" + slackEscape(s == null ? "" : s.replace('`', '\'')) + "`";
  }

  private static String codeBlock(String s) {
    return slackEscape(s.replace("```", "'''"));
  }

  private static void field(ArrayNode fields, String title, String mrkdwn) {
    fields.addObject().put("type", "mrkdwn").put("text", clip("*" + title + "*\n" + mrkdwn, SLACK_FIELD_MAX));
  }

  private static void mrkdwnSection(ArrayNode blocks, String mrkdwn) {
    ObjectNode s = blocks.addObject().put("type", "section");
    s.putObject("text").put("type", "mrkdwn").put("text", clip(mrkdwn, SLACK_SECTION_MAX));
  }

  private static void array(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
