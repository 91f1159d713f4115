package dev.hindsight.score;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Sensitive-action families, as SQL predicates over events columns (service, action, error_code, request_json).
 * One place, so a reviewer sees exactly what each credential_daily count means.
 */
public final class Families {
  private Families() {}

  public static final List<String> CREDENTIAL_CREATION = List.of("CreateAccessKey", "CreateLoginProfile",
      "CreateUser", "CreateServiceSpecificCredential", "GetFederationToken", "CreateSAMLProvider",
      "CreateOpenIDConnectProvider", "CreateTrustAnchor", "CreateProfile", "UploadSSHPublicKey",
      "UploadSigningCertificate", "CreateApiKey", "CreateServiceAccountKey", "AdminApiKeyCreated", "api_key.created",
      // llm-audit: Anthropic admin and service keys, OpenAI service accounts and invites
      "admin_api_key_created", "service_key_created", "api_key_created", "service_account.created", "invite.sent",
      "org_user_invite_sent");

  public static final List<String> PRIVILEGE_CHANGE = List.of("AttachUserPolicy", "AttachRolePolicy",
      "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "CreatePolicyVersion",
      "SetDefaultPolicyVersion", "AddUserToGroup", "UpdateAssumeRolePolicy", "CreateLoginProfile", "UpdateLoginProfile",
      "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary", "SetIamPolicy",
      // llm-audit: role grants and ownership, and the removal of an organisation's IP allowlist
      "role.assignment.created", "role_assignment_granted", "primary_owner_transferred", "ip_allowlist.deleted",
      "ip_allowlist.config.deactivated", "org_ip_restriction_deleted");

  public static final List<String> SECRET_READ = List.of("GetSecretValue", "BatchGetSecretValue", "GetParameter",
      "GetParameters", "GetParametersByPath", "AccessSecretVersion");

  public static final List<String> LOGGING_TAMPER = List.of("StopLogging", "DeleteTrail", "UpdateTrail",
      "PutEventSelectors", "PutInsightSelectors", "DeleteFlowLogs", "DeleteLogGroup", "DeleteLogStream",
      "PutRetentionPolicy", "DeleteDetector", "DisassociateFromMasterAccount", "StopConfigurationRecorder",
      "DeleteConfigurationRecorder", "DeleteDeliveryChannel", "DeleteEventDataStore", "StopEventDataStoreIngestion",
      "DisableSecurityHub", "DeleteModelInvocationLoggingConfiguration", "DeleteSink", "UpdateSink");

  public static final List<String> MODEL_RECON = List.of("GetModelInvocationLoggingConfiguration",
      "ListFoundationModels", "GetFoundationModelAvailability", "ListInferenceProfiles", "GetFoundationModel",
      "ListProvisionedModelThroughputs", "ListCustomModels");

  public static final List<String> MODEL_INVOKE = List.of("InvokeModel", "InvokeModelWithResponseStream",
      "Converse", "ConverseStream", "InvokeAgent", "ApplyGuardrail",
      // proxy (LiteLLM call_type values)
      "completion", "acompletion", "text_completion", "atext_completion", "embedding", "aembedding",
      "image_generation", "aimage_generation", "chat.completions", "responses", "aresponses");

  public static final List<String> DATA_READ = List.of("GetObject", "GetItem", "BatchGetItem", "Query", "Scan",
      "ReceiveMessage", "GetRecords", "SelectObjectContent", "Download", "ExportTable");

  static String in(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "action IN (", ")"));
  }

  public static String credentialCreation() {
    return in(CREDENTIAL_CREATION);
  }

  public static String privilegeChange() {
    return in(PRIVILEGE_CHANGE);
  }

  public static String secretRead() {
    return in(SECRET_READ) + " AND outcome = 'success'";
  }

  /** Attempts count too: a failed StopLogging is still someone trying to go dark. */
  public static String loggingTamper() {
    return in(LOGGING_TAMPER);
  }

  public static String modelRecon() {
    return in(MODEL_RECON);
  }

  public static String modelInvoke() {
    return in(MODEL_INVOKE);
  }

  public static String dataRead() {
    return in(DATA_READ);
  }

  public static String discovery() {
    return "(action LIKE 'List%' OR action LIKE 'Describe%' OR action = 'GetCallerIdentity' OR action = 'GetAccountAuthorizationDetails'"
        + " OR (service IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'organizations.amazonaws.com') AND action LIKE 'Get%'))";
  }

  public static String accessDenied() {
    return "(error_code LIKE 'AccessDenied%' OR error_code LIKE '%UnauthorizedOperation' OR error_code = 'AuthorizationError'"
        + " OR error_code LIKE 'Forbidden%' OR error_code LIKE 'UnauthorizedAccess%' OR error_code = 'PERMISSION_DENIED')";
  }

  /**
   * CreateAccessKey for a user other than the caller; or a vendor key made for someone else, as the llm-audit
   * mapper marks it in response_json (created_for_other: made by a key, or an admin / service key).
   */
  public static String keyForOther() {
    return "((action = 'CreateAccessKey' AND outcome = 'success' AND get_json_object(request_json, '$.userName') IS NOT NULL"
        + " AND get_json_object(request_json, '$.userName') <> coalesce(principal_name, ''))"
        + " OR (outcome = 'success' AND get_json_object(response_json, '$.created_for_other') = 'true'))";
  }

  /** The id of the key a credential-creation event made (CloudTrail accessKey.accessKeyId, llm-audit's own). */
  public static String createdKeyId() {
    return "coalesce(get_json_object(response_json, '$.accessKey.accessKeyId'),"
        + " get_json_object(response_json, '$.created_credential_id'))";
  }
}
