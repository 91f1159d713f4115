package dev.hindsight.score;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Features} rows for detector tests: every field has a sensible default (an ordinary working
 * day of a developer's long-term key in eu-west-1, well established, from its usual office), and each test
 * overrides only what its case is about. {@link #from(Features)} copies a row, {@link #history} makes earlier
 * days of the same credential.
 */
public final class FeaturesBuilder {
  private LocalDate date = LocalDate.of(2026, 3, 10);
  private String credentialId = "AKIAALICE0000000001";
  private String region = "eu-west-1";
  private String source = "cloudtrail";
  private String accountId = "482910375561";
  private String credentialType = "access_key";
  private String principal = "arn:aws:iam::482910375561:user/alice";
  private long events = 60;
  private long failures = 1;
  private long accessDenied = 1;
  private int distinctIps = 2;
  private int distinctAsns = 1;
  private int distinctCountries = 1;
  private int distinctUserAgents = 1;
  private int distinctActions = 12;
  private List<String> ips = List.of("217.6.190.33", "217.6.190.34");
  private List<String> asns = List.of("AS3320");
  private List<String> countries = List.of("DE");
  private List<String> userAgents = List.of("aws-cli/2.15.30");
  private List<String> actions = List.of("ec2.amazonaws.com:DescribeInstances", "s3.amazonaws.com:ListBuckets", "sts.amazonaws.com:GetCallerIdentity");
  private List<Long> hours = hours();
  private long credCreation = 0;
  private long keysCreatedForOthers = 0;
  private List<String> createdKeyIds = List.of();
  private long privChange = 0;
  private long secretReads = 0;
  private int distinctSecrets = 0;
  private long discovery = 30;
  private long loggingTamper = 0;
  private long modelRecon = 0;
  private long modelInvocations = 0;
  private long dataReads = 5;
  private Long tokensIn = null;
  private Long tokensOut = null;
  private Double countrySwitchMinutes = null;
  private boolean reconThenInvoke = false;
  private int newIps = 0;
  private int newAsns = 0;
  private int newCountries = 0;
  private int newAccountAsns = 0;
  private int newAccountCountries = 0;
  private boolean newRegion = false;
  private boolean newAccountRegion = false;
  private int accountNewRegionCredentials = 0;
  private int newActions = 0;
  private int newUserAgents = 0;
  private int daysActiveBefore = 30;
  private Integer daysSinceLastActive = 1;
  private String createdBy = null;
  private List<String> evidenceEventIds = List.of("ev-1");
  private long instanceCredsOutsideAws = 0;

  public static FeaturesBuilder row() {
    return new FeaturesBuilder();
  }

  /** A builder holding the values of an existing row. */
  public static FeaturesBuilder from(Features f) {
    FeaturesBuilder b = new FeaturesBuilder();
    b.date = f.date();
    b.credentialId = f.credentialId();
    b.region = f.region();
    b.source = f.source();
    b.accountId = f.accountId();
    b.credentialType = f.credentialType();
    b.principal = f.principal();
    b.events = f.events();
    b.failures = f.failures();
    b.accessDenied = f.accessDenied();
    b.distinctIps = f.distinctIps();
    b.distinctAsns = f.distinctAsns();
    b.distinctCountries = f.distinctCountries();
    b.distinctUserAgents = f.distinctUserAgents();
    b.distinctActions = f.distinctActions();
    b.ips = f.ips();
    b.asns = f.asns();
    b.countries = f.countries();
    b.userAgents = f.userAgents();
    b.actions = f.actions();
    b.hours = f.hours();
    b.credCreation = f.credCreation();
    b.keysCreatedForOthers = f.keysCreatedForOthers();
    b.createdKeyIds = f.createdKeyIds();
    b.privChange = f.privChange();
    b.secretReads = f.secretReads();
    b.distinctSecrets = f.distinctSecrets();
    b.discovery = f.discovery();
    b.loggingTamper = f.loggingTamper();
    b.modelRecon = f.modelRecon();
    b.modelInvocations = f.modelInvocations();
    b.dataReads = f.dataReads();
    b.tokensIn = f.tokensIn();
    b.tokensOut = f.tokensOut();
    b.countrySwitchMinutes = f.countrySwitchMinutes();
    b.reconThenInvoke = f.reconThenInvoke();
    b.newIps = f.newIps();
    b.newAsns = f.newAsns();
    b.newCountries = f.newCountries();
    b.newAccountAsns = f.newAccountAsns();
    b.newAccountCountries = f.newAccountCountries();
    b.newRegion = f.newRegion();
    b.newAccountRegion = f.newAccountRegion();
    b.accountNewRegionCredentials = f.accountNewRegionCredentials();
    b.newActions = f.newActions();
    b.newUserAgents = f.newUserAgents();
    b.daysActiveBefore = f.daysActiveBefore();
    b.daysSinceLastActive = f.daysSinceLastActive();
    b.createdBy = f.createdBy();
    b.evidenceEventIds = f.evidenceEventIds();
    b.instanceCredsOutsideAws = f.instanceCredsOutsideAws();
    return b;
  }

  private static List<Long> hours() {
    List<Long> h = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      h.add(i >= 8 && i < 17 ? 6L : 0L);
    }
    return h;
  }

  public FeaturesBuilder date(LocalDate v) {
    this.date = v;
    return this;
  }

  public FeaturesBuilder credentialId(String v) {
    this.credentialId = v;
    return this;
  }

  public FeaturesBuilder region(String v) {
    this.region = v;
    return this;
  }

  public FeaturesBuilder source(String v) {
    this.source = v;
    return this;
  }

  public FeaturesBuilder accountId(String v) {
    this.accountId = v;
    return this;
  }

  public FeaturesBuilder credentialType(String v) {
    this.credentialType = v;
    return this;
  }

  public FeaturesBuilder principal(String v) {
    this.principal = v;
    return this;
  }

  public FeaturesBuilder events(long v) {
    this.events = v;
    return this;
  }

  public FeaturesBuilder failures(long v) {
    this.failures = v;
    return this;
  }

  public FeaturesBuilder accessDenied(long v) {
    this.accessDenied = v;
    return this;
  }

  public FeaturesBuilder distinctIps(int v) {
    this.distinctIps = v;
    return this;
  }

  public FeaturesBuilder distinctAsns(int v) {
    this.distinctAsns = v;
    return this;
  }

  public FeaturesBuilder distinctCountries(int v) {
    this.distinctCountries = v;
    return this;
  }

  public FeaturesBuilder distinctUserAgents(int v) {
    this.distinctUserAgents = v;
    return this;
  }

  public FeaturesBuilder distinctActions(int v) {
    this.distinctActions = v;
    return this;
  }

  public FeaturesBuilder ips(List<String> v) {
    this.ips = v;
    return this;
  }

  public FeaturesBuilder asns(List<String> v) {
    this.asns = v;
    return this;
  }

  public FeaturesBuilder countries(List<String> v) {
    this.countries = v;
    return this;
  }

  public FeaturesBuilder userAgents(List<String> v) {
    this.userAgents = v;
    return this;
  }

  public FeaturesBuilder actions(List<String> v) {
    this.actions = v;
    return this;
  }

  public FeaturesBuilder hours(List<Long> v) {
    this.hours = v;
    return this;
  }

  public FeaturesBuilder credCreation(long v) {
    this.credCreation = v;
    return this;
  }

  public FeaturesBuilder keysCreatedForOthers(long v) {
    this.keysCreatedForOthers = v;
    return this;
  }

  public FeaturesBuilder createdKeyIds(List<String> v) {
    this.createdKeyIds = v;
    return this;
  }

  public FeaturesBuilder privChange(long v) {
    this.privChange = v;
    return this;
  }

  public FeaturesBuilder secretReads(long v) {
    this.secretReads = v;
    return this;
  }

  public FeaturesBuilder distinctSecrets(int v) {
    this.distinctSecrets = v;
    return this;
  }

  public FeaturesBuilder discovery(long v) {
    this.discovery = v;
    return this;
  }

  public FeaturesBuilder loggingTamper(long v) {
    this.loggingTamper = v;
    return this;
  }

  public FeaturesBuilder modelRecon(long v) {
    this.modelRecon = v;
    return this;
  }

  public FeaturesBuilder modelInvocations(long v) {
    this.modelInvocations = v;
    return this;
  }

  public FeaturesBuilder dataReads(long v) {
    this.dataReads = v;
    return this;
  }

  public FeaturesBuilder tokensIn(Long v) {
    this.tokensIn = v;
    return this;
  }

  public FeaturesBuilder tokensOut(Long v) {
    this.tokensOut = v;
    return this;
  }

  public FeaturesBuilder countrySwitchMinutes(Double v) {
    this.countrySwitchMinutes = v;
    return this;
  }

  public FeaturesBuilder reconThenInvoke(boolean v) {
    this.reconThenInvoke = v;
    return this;
  }

  public FeaturesBuilder newIps(int v) {
    this.newIps = v;
    return this;
  }

  public FeaturesBuilder newAsns(int v) {
    this.newAsns = v;
    return this;
  }

  public FeaturesBuilder newCountries(int v) {
    this.newCountries = v;
    return this;
  }

  public FeaturesBuilder newAccountAsns(int v) {
    this.newAccountAsns = v;
    return this;
  }

  public FeaturesBuilder newAccountCountries(int v) {
    this.newAccountCountries = v;
    return this;
  }

  public FeaturesBuilder newRegion(boolean v) {
    this.newRegion = v;
    return this;
  }

  public FeaturesBuilder newAccountRegion(boolean v) {
    this.newAccountRegion = v;
    return this;
  }

  public FeaturesBuilder accountNewRegionCredentials(int v) {
    this.accountNewRegionCredentials = v;
    return this;
  }

  public FeaturesBuilder newActions(int v) {
    this.newActions = v;
    return this;
  }

  public FeaturesBuilder newUserAgents(int v) {
    this.newUserAgents = v;
    return this;
  }

  public FeaturesBuilder daysActiveBefore(int v) {
    this.daysActiveBefore = v;
    return this;
  }

  public FeaturesBuilder daysSinceLastActive(Integer v) {
    this.daysSinceLastActive = v;
    return this;
  }

  public FeaturesBuilder createdBy(String v) {
    this.createdBy = v;
    return this;
  }

  public FeaturesBuilder evidenceEventIds(List<String> v) {
    this.evidenceEventIds = v;
    return this;
  }

  /** A long-term key by default; this makes it a role used through sessions. */
  public FeaturesBuilder role(String arn) {
    return credentialId(arn).credentialType("role_session").principal(arn);
  }

  public FeaturesBuilder instanceCredsOutsideAws(long v) {
    this.instanceCredsOutsideAws = v;
    return this;
  }

  public Features build() {
    Features f = new Features();
    f.eventDate(date)
        .credentialId(credentialId)
        .region(region)
        .source(source)
        .accountId(accountId)
        .credentialType(credentialType)
        .principal(principal)
        .events(events)
        .failures(failures)
        .accessDenied(accessDenied)
        .distinctIps(distinctIps)
        .distinctAsns(distinctAsns)
        .distinctCountries(distinctCountries)
        .distinctUserAgents(distinctUserAgents)
        .distinctActions(distinctActions)
        .ips(ips)
        .asns(asns)
        .countries(countries)
        .userAgents(userAgents)
        .actions(actions)
        .hours(hours)
        .credCreation(credCreation)
        .keysCreatedForOthers(keysCreatedForOthers)
        .createdKeyIds(createdKeyIds)
        .privChange(privChange)
        .secretReads(secretReads)
        .distinctSecrets(distinctSecrets)
        .discovery(discovery)
        .loggingTamper(loggingTamper)
        .modelRecon(modelRecon)
        .modelInvocations(modelInvocations)
        .dataReads(dataReads)
        .tokensIn(tokensIn)
        .tokensOut(tokensOut)
        .countrySwitchMinutes(countrySwitchMinutes)
        .reconThenInvoke(reconThenInvoke)
        .newIps(newIps)
        .newAsns(newAsns)
        .newCountries(newCountries)
        .newAccountAsns(newAccountAsns)
        .newAccountCountries(newAccountCountries)
        .newRegion(newRegion)
        .newAccountRegion(newAccountRegion)
        .accountNewRegionCredentials(accountNewRegionCredentials)
        .newActions(newActions)
        .newUserAgents(newUserAgents)
        .daysActiveBefore(daysActiveBefore)
        .daysSinceLastActive(daysSinceLastActive)
        .createdBy(createdBy)
        .evidenceEventIds(evidenceEventIds)
        .instanceCredsOutsideAws(instanceCredsOutsideAws);
    return f;
  }

  /**
   * {@code days} consecutive earlier days of this row (the day before it first), oldest first, with
   * days_active_before and days_since_last_active consistent; no new-this-or-that flags.
   */
  public List<Features> history(int days) {
    List<Features> out = new ArrayList<>();
    Features base = build();
    for (int i = days; i >= 1; i--) {
      out.add(from(base).date(base.date().minusDays(i)).daysActiveBefore(Math.max(0, base.daysActiveBefore() - i))
          .daysSinceLastActive(1).newIps(0).newAsns(0).newCountries(0).newAccountAsns(0).newAccountCountries(0)
          .newRegion(false).newAccountRegion(false).accountNewRegionCredentials(0).newActions(0).newUserAgents(0)
          .createdBy(null).build());
    }
    return out;
  }
}
