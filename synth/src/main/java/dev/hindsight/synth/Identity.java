package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A CloudTrail userIdentity block. Instances are immutable and shared by every event of one credential
 * (one key, one role session period, one console session).
 */
final class Identity {
  final String type;
  final String principalId;
  final String arn;
  final String accountId;
  final String accessKeyId;
  final String userName;
  final String invokedBy;
  /** Session context; null for long-term keys, console sign-in and AWS services. */
  final String issuerType;
  final String issuerPrincipalId;
  final String issuerArn;
  final String issuerUserName;
  final String creationDate;
  final String mfa;
  final boolean ec2RoleDelivery;
  /** True for a session of an IAM user (console or GetSessionToken): sessionContext with an empty issuer. */
  final boolean userSession;
  /** The hindsight credential id (not written): AKIA key, issuing role ARN, user ARN, root ARN. */
  final String credentialId;

  private Identity(Builder b) {
    type = b.type;
    principalId = b.principalId;
    arn = b.arn;
    accountId = b.accountId;
    accessKeyId = b.accessKeyId;
    userName = b.userName;
    invokedBy = b.invokedBy;
    issuerType = b.issuerType;
    issuerPrincipalId = b.issuerPrincipalId;
    issuerArn = b.issuerArn;
    issuerUserName = b.issuerUserName;
    creationDate = b.creationDate;
    mfa = b.mfa;
    ec2RoleDelivery = b.ec2RoleDelivery;
    userSession = b.userSession;
    credentialId = b.credentialId;
  }

  /** A long-term access key (AKIA) of an IAM user. */
  static Identity iamUserKey(String accountId, String principalId, String userArn, String userName,
      String accessKeyId) {
    Builder b = new Builder("IAMUser", accountId);
    b.principalId = principalId;
    b.arn = userArn;
    b.accessKeyId = accessKeyId;
    b.userName = userName;
    b.credentialId = accessKeyId;
    return new Identity(b);
  }

  /** An IAM user's console sign-in (no access key yet). */
  static Identity iamUserSignIn(String accountId, String principalId, String userArn, String userName) {
    Builder b = new Builder("IAMUser", accountId);
    b.principalId = principalId;
    b.arn = userArn;
    b.userName = userName;
    b.credentialId = userArn;
    return new Identity(b);
  }

  /** An IAM user's temporary session (console session or GetSessionToken): an ASIA key. */
  static Identity iamUserSession(String accountId, String principalId, String userArn, String userName,
      String asiaKey, long created, boolean mfa) {
    Builder b = new Builder("IAMUser", accountId);
    b.principalId = principalId;
    b.arn = userArn;
    b.accessKeyId = asiaKey;
    b.userName = userName;
    b.userSession = true;
    b.creationDate = Json.iso(created);
    b.mfa = mfa ? "true" : "false";
    b.credentialId = userArn;
    return new Identity(b);
  }

  /** A role session (AssumedRole, ASIA key); the credential id is the issuing role ARN. */
  static Identity assumedRole(String accountId, String roleArn, String rolePrincipalId, String roleName,
      String sessionName, String asiaKey, long created, String invokedBy, boolean ec2) {
    Builder b = new Builder("AssumedRole", accountId);
    b.principalId = rolePrincipalId + ":" + sessionName;
    b.arn = "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
    b.accessKeyId = asiaKey;
    b.issuerType = "Role";
    b.issuerPrincipalId = rolePrincipalId;
    b.issuerArn = roleArn;
    b.issuerUserName = roleName;
    b.creationDate = Json.iso(created);
    b.mfa = "false";
    b.invokedBy = invokedBy;
    b.ec2RoleDelivery = ec2;
    b.credentialId = roleArn;
    return new Identity(b);
  }

  /** An AWS service acting on its own (userIdentity.type AWSService). */
  static Identity awsService(String service) {
    Builder b = new Builder("AWSService", null);
    b.invokedBy = service;
    b.credentialId = service;
    return new Identity(b);
  }

  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    if (principalId != null) {
      g.writeStringField("principalId", principalId);
    }
    if (arn != null) {
      g.writeStringField("arn", arn);
    }
    if (accountId != null) {
      g.writeStringField("accountId", accountId);
    }
    if (accessKeyId != null) {
      g.writeStringField("accessKeyId", accessKeyId);
    }
    if (userName != null) {
      g.writeStringField("userName", userName);
    }
    if (creationDate != null) {
      g.writeObjectFieldStart("sessionContext");
      g.writeObjectFieldStart("sessionIssuer");
      if (!userSession) {
        g.writeStringField("type", issuerType);
        g.writeStringField("principalId", issuerPrincipalId);
        g.writeStringField("arn", issuerArn);
        g.writeStringField("accountId", accountId);
        g.writeStringField("userName", issuerUserName);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("webIdFederationData");
      g.writeEndObject();
      g.writeObjectFieldStart("attributes");
      g.writeStringField("creationDate", creationDate);
      g.writeStringField("mfaAuthenticated", mfa);
      g.writeEndObject();
      if (ec2RoleDelivery) {
        g.writeStringField("ec2RoleDelivery", "2.0");
      }
      g.writeEndObject();
    }
    if (invokedBy != null) {
      g.writeStringField("invokedBy", invokedBy);
    }
    g.writeEndObject();
  }

  private static final class Builder {
    final String type;
    final String accountId;
    String principalId;
    String arn;
    String accessKeyId;
    String userName;
    String invokedBy;
    String issuerType;
    String issuerPrincipalId;
    String issuerArn;
    String issuerUserName;
    String creationDate;
    String mfa;
    boolean ec2RoleDelivery;
    boolean userSession;
    String credentialId;

    Builder(String type, String accountId) {
      this.type = type;
      this.accountId = accountId;
    }
  }
}
