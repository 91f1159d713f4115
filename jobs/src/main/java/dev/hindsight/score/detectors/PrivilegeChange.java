package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code privilege_change}: the credential changed privileges (attached or put policies, login profiles,
 * group membership, trust policies) although it does not do such IAM work.
 *
 * <p>Reads {@code priv_change}, {@code actions} (to name the changes and recognise onboarding), and the
 * history's {@code priv_change}.
 *
 * <p>Score: 75 + 5 per extra change (at most 95) when the history has no privilege change; 60 + 5 per extra
 * change when it has some, on fewer than {@code routine_days} days, or when today's count is more than
 * {@code max_increase} x the history's daily maximum. Routine IAM work (changes on at least
 * {@code routine_days} earlier days, today within max_increase x the usual maximum): 20. Onboarding (the
 * credential called CreateUser today and its only privilege actions are AddUserToGroup / CreateLoginProfile):
 * 5.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code privilege_change.routine_days} (default 2): earlier days with changes that make IAM work
 *       routine for the credential.</li>
 *   <li>{@code privilege_change.max_increase} (default 3): today / the history's daily maximum above which
 *       even a routine IAM worker is judged.</li>
 * </ul>
 */
public final class PrivilegeChange extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param ROUTINE_DAYS = new Param("routine_days", 2);
  static final Param MAX_INCREASE = new Param("max_increase", 3);

  /** Operation names that change privileges (used to name them; the count itself is the feature's). */
  static final Set<String> PRIVILEGE_ACTIONS = Set.of(
      "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy",
      "PutGroupPolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "UpdateAssumeRolePolicy",
      "AddUserToGroup", "CreateLoginProfile", "UpdateLoginProfile", "PutUserPermissionsBoundary",
      "PutRolePermissionsBoundary", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary",
      "DetachUserPolicy", "DetachRolePolicy", "DetachGroupPolicy", "DeleteUserPolicy", "DeleteRolePolicy",
      "DeleteGroupPolicy", "RemoveUserFromGroup", "DeleteLoginProfile", "AddRoleToInstanceProfile");

  /** What setting up a new user looks like. */
  static final Set<String> ONBOARDING = Set.of("AddUserToGroup", "CreateLoginProfile");

  public PrivilegeChange() {
    super("privilege_change");
  }

  @Override
  public List<Param> parameters() {
    return List.of(ROUTINE_DAYS, MAX_INCREASE);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    long p = t.privChange();
    if (p <= 0) {
      return Optional.empty();
    }
    List<String> names = Stats.actionsIn(t, PRIVILEGE_ACTIONS);
    int days = Stats.daysWith(ctx.history(), h -> h.privChange() > 0);
    double max = Stats.max(Stats.dailySums(ctx.history(), Features::privChange));
    String what = "changed privileges " + (p == 1 ? "once" : p + " times")
        + (names.isEmpty() ? "" : " (" + Stats.join(names, 4) + ")");
    double extra = 5 * Math.min(p - 1, 4);
    if (Stats.hasAction(t, "CreateUser") && !names.isEmpty() && ONBOARDING.containsAll(names)) {
      return signal(p, max, 5, what + " for a user created today (onboarding)", "priv_change");
    }
    boolean routine = days >= param(ctx, ROUTINE_DAYS);
    boolean surge = p > param(ctx, MAX_INCREASE) * Math.max(max, 1);
    if (routine && !surge) {
      return signal(p, max, 20, what + " (routine: on " + days + " earlier days)", "priv_change");
    }
    if (days == 0) {
      return signal(p, max, 75 + extra, what + ", never before", "priv_change");
    }
    String context = surge ? ", " + Stats.x(p / Math.max(max, 1)) + "x its daily maximum"
        : ", only on " + days + " earlier " + Stats.plural(days, "day", "days");
    return signal(p, max, 60 + extra, what + context, "priv_change");
  }
}
