package dev.hindsight.ingest.azure;

import static dev.hindsight.ingest.JsonFields.lower;
import static dev.hindsight.ingest.JsonFields.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scheme shared by Azure Activity and Entra ID: {@code azure:<tenant>/<id>}, where id is the
 * application (client) id of a service principal or managed identity, or the object id of a user. A service
 * principal therefore has the same credential_id in the Activity log (its token's {@code appid} claim) and in
 * its Entra sign-ins ({@code appId}). Without a tenant the id is {@code azure:<id>}.
 */
final class AzureIdentity {
  static final String OID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
  static final String TID = "http://schemas.microsoft.com/identity/claims/tenantid";
  static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
  static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
  static final String AMR = "http://schemas.microsoft.com/claims/authnmethodsreferences";
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/]+)");
  private static final Pattern TENANT = Pattern.compile("(?i)/tenants/([^/]+)");

  private AzureIdentity() {}

  static String credentialId(String tenant, String id) {
    if (id == null) {
      return null;
    }
    return tenant == null ? "azure:" + lower(id) : "azure:" + lower(tenant) + "/" + lower(id);
  }

  static boolean isGuid(String s) {
    return s != null && GUID.matcher(s).matches();
  }

  static String subscriptionOf(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    Matcher m = SUBSCRIPTION.matcher(resourceId);
    return m.find() ? lower(m.group(1)) : null;
  }

  static String tenantOf(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    Matcher m = TENANT.matcher(resourceId);
    return m.find() ? lower(m.group(1)) : null;
  }

  /** An Azure location as a region name: "East US" and "eastus" are both eastus. */
  static String region(String location) {
    if (location == null || location.isBlank()) {
      return "global";
    }
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  static String claim(JsonNode claims, String... names) {
    return claims == null ? null : textOrNull(claims, names);
  }

  /** Whether the token's authentication methods include MFA; null when the claims do not say. */
  static Boolean mfa(JsonNode claims) {
    if (claims == null) {
      return null;
    }
    JsonNode amr = claims.get(AMR);
    if (amr == null) {
      amr = claims.get("amr");
    }
    if (amr == null || amr.isNull()) {
      return null;
    }
    String s = amr.isArray() ? amr.toString() : amr.asText();
    return s.toLowerCase(Locale.ROOT).contains("mfa");
  }
}
