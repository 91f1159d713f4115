package dev.hindsight.score.detectors;

import dev.hindsight.score.Context;
import dev.hindsight.score.Features;
import dev.hindsight.score.Signal;
import java.util.List;
import java.util.Optional;

/**
 * {@code instance_credentials_outside_aws}: the temporary credentials of an EC2 instance profile (a role session
 * named after the instance, {@code i-...}) were used from a public address outside AWS's own ASNs. The keys were
 * taken from the instance (SSRF to the metadata service, a compromised host) and replayed elsewhere: GuardDuty's
 * InstanceCredentialExfiltration.OutsideAWS, found here after the fact. It judges the day's content alone, so it
 * also runs while an account is in warm-up.
 *
 * <p>Reads {@code instance_creds_outside_aws} (counted by the features job: role_session, session name
 * {@code i-[0-9a-f]{8,17}}, a public address with a known country or ASN, ASN not AS16509 / AS14618 / AS8987 and
 * not allow-listed), {@code countries} for the reason, and the history's {@code instance_creds_outside_aws}.
 * Needs GeoIP (without it nothing can be called outside AWS).
 *
 * <p>Score: 92 + 1 per call beyond the first (at most 99). Damping: a role whose instance credentials were used
 * outside AWS on at least {@code routine_days} earlier days (a hybrid setup that proxies them on purpose) scores
 * 30.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code instance_credentials_outside_aws.routine_days} (default 3): earlier days that make it routine.</li>
 * </ul>
 */
public final class InstanceCredentialsOutsideAws extends AbstractDetector {
  private static final long serialVersionUID = 1L;
  static final Param ROUTINE_DAYS = new Param("routine_days", 3);

  public InstanceCredentialsOutsideAws() {
    super("instance_credentials_outside_aws");
  }

  @Override
  public boolean needsGeo() {
    return true;
  }

  @Override
  public List<Param> parameters() {
    return List.of(ROUTINE_DAYS);
  }

  @Override
  public Optional<Signal> evaluate(Context ctx) {
    Features t = ctx.today();
    long calls = t.instanceCredsOutsideAws();
    if (calls <= 0) {
      return Optional.empty();
    }
    int routineDays = Stats.daysWith(ctx.history(), f -> f.instanceCredsOutsideAws() > 0);
    String where = t.countries().isEmpty() ? "" : " (" + String.join(", ", t.countries()) + ")";
    String reason = "used instance-profile credentials from outside AWS" + where + ": " + calls
        + (calls == 1 ? " call" : " calls");
    if (routineDays >= param(ctx, ROUTINE_DAYS)) {
      return signal(calls, (double) routineDays, 30, reason + ", as on " + routineDays + " earlier days",
          "instance_creds_outside_aws");
    }
    return signal(calls, 0.0, Math.min(99, 92 + (calls - 1)), reason, "instance_creds_outside_aws");
  }
}
