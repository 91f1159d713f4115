package dev.hindsight.ingest.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hindsight.lake.tables.Events;
import org.junit.jupiter.api.Test;

class CloudTrailMapperTest {
  static Events map(String identity, String extra) throws Exception {
    JsonNode r = CloudTrailParser.MAPPER.readTree("{\"eventID\":\"e\",\"eventTime\":\"2026-01-01T00:00:00Z\","
        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
        + "\"recipientAccountId\":\"111122223333\"" + (identity == null ? "" : ",\"userIdentity\":" + identity)
        + extra + "}");
    Events v = new Events();
    assertThat(CloudTrailMapper.map(r, v)).isNull();
    return v;
  }

  @Test
  void aLongTermKeyIsItsOwnCredential() throws Exception {
    Events v = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"userName\":\"alice\","
        + "\"accessKeyId\":\"AKIAEXAMPLE000000001\"}", "");
    assertThat(v.credentialId()).isEqualTo("AKIAEXAMPLE000000001");
    assertThat(v.credentialType()).isEqualTo("access_key");
    assertThat(v.principal()).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(v.principalName()).isEqualTo("alice");
    assertThat(v.outcome()).isEqualTo("success");
  }

  @Test
  void aRoleSessionBelongsToItsIssuingRoleAndKeepsTheKey() throws Exception {
    Events v = map("{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Deploy/i-0abc\","
        + "\"accessKeyId\":\"ASIAEXAMPLE000000001\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
        + "\"arn\":\"arn:aws:iam::111122223333:role/Deploy\",\"userName\":\"Deploy\"},"
        + "\"attributes\":{\"mfaAuthenticated\":\"false\"}}}", "");
    assertThat(v.credentialId()).isEqualTo("arn:aws:iam::111122223333:role/Deploy");
    assertThat(v.credentialType()).isEqualTo("role_session");
    assertThat(v.accessKeyId()).isEqualTo("ASIAEXAMPLE000000001");
    assertThat(v.sessionName()).isEqualTo("i-0abc");
    assertThat(v.mfaAuthenticated()).isEqualTo(false);
    Events noIssuer = map("{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Deploy/s\"}", "");
    assertThat(noIssuer.credentialId()).isEqualTo("arn:aws:iam::111122223333:role/Deploy");
  }

  @Test
  void consoleRootServiceAndFailureAreRecognised() throws Exception {
    Events console = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\","
        + "\"accessKeyId\":\"ASIAEXAMPLE000000002\"}", ",\"userAgent\":\"console.amazonaws.com\"");
    assertThat(console.credentialId()).isEqualTo("arn:aws:iam::111122223333:user/bob");
    assertThat(console.credentialType()).isEqualTo("console_session");
    Events root = map("{\"type\":\"Root\",\"arn\":\"arn:aws:iam::111122223333:root\"}",
        ",\"errorCode\":\"AccessDenied\"");
    assertThat(root.credentialType()).isEqualTo("root");
    assertThat(root.outcome()).isEqualTo("failure");
    assertThat(root.errorCode()).isEqualTo("AccessDenied");
    Events service = map("{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}", "");
    assertThat(service.credentialId()).isEqualTo("ec2.amazonaws.com");
    assertThat(service.credentialType()).isEqualTo("aws_service");
    Events untyped = map("{\"accountId\":\"111122223333\",\"invokedBy\":\"secretsmanager.amazonaws.com\"}", "");
    assertThat(untyped.credentialType()).isEqualTo("aws_service");
    Events fed = map("{\"type\":\"FederatedUser\",\"arn\":\"arn:aws:sts::111122223333:federated-user/x\","
        + "\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"arn:aws:iam::111122223333:user/carol\",\"userName\":\"carol\"}}}", "");
    assertThat(fed.credentialId()).isEqualTo("arn:aws:iam::111122223333:user/carol");
    assertThat(fed.credentialType()).isEqualTo("federated_session");
    Events login = map("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\"}",
        ",\"eventType\":\"AwsConsoleSignIn\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"}");
    assertThat(login.credentialType()).isEqualTo("console_session");
    assertThat(login.outcome()).isEqualTo("failure");
  }

  @Test
  void bedrockModelIdIsTheResource() throws Exception {
    Events v = map(null, ",\"requestParameters\":{\"modelId\":\"anthropic.claude-3-5-sonnet-20240620-v1:0\"}");
    assertThat(v.resource()).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
    assertThat(v.credentialType()).isEqualTo("unknown");
    assertThat(CloudTrailMapper.roleArnFromSession("arn:aws:sts::1:assumed-role/a/b")).isEqualTo("arn:aws:iam::1:role/a");
  }
}
