package dev.hindsight.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** One CloudTrail record, written field by field in the order CloudTrail itself uses. */
final class Event {
  long time;
  String eventVersion = "1.08";
  Identity who;
  String source;
  String name;
  String region;
  String ip;
  String userAgent;
  String errorCode;
  String errorMessage;
  Object request;
  Object response;
  Object additional;
  String requestId;
  String eventId;
  boolean readOnly;
  List<?> resources;
  String eventType = "AwsApiCall";
  boolean management = true;
  String recipient;
  String sharedEventId;
  String category = "Management";
  String tlsHost;
  boolean fromConsole;

  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("eventVersion", eventVersion);
    g.writeFieldName("userIdentity");
    who.write(g);
    g.writeStringField("eventTime", Json.iso(time));
    g.writeStringField("eventSource", source);
    g.writeStringField("eventName", name);
    g.writeStringField("awsRegion", region);
    g.writeStringField("sourceIPAddress", ip);
    g.writeStringField("userAgent", userAgent);
    if (errorCode != null) {
      g.writeStringField("errorCode", errorCode);
      g.writeStringField("errorMessage", errorMessage);
    }
    g.writeFieldName("requestParameters");
    Json.write(g, request);
    g.writeFieldName("responseElements");
    Json.write(g, response);
    if (additional != null) {
      g.writeFieldName("additionalEventData");
      Json.write(g, additional);
    }
    if (requestId != null) {
      g.writeStringField("requestID", requestId);
    }
    g.writeStringField("eventID", eventId);
    g.writeBooleanField("readOnly", readOnly);
    if (resources != null) {
      g.writeFieldName("resources");
      Json.write(g, resources);
    }
    g.writeStringField("eventType", eventType);
    g.writeBooleanField("managementEvent", management);
    g.writeStringField("recipientAccountId", recipient);
    if (sharedEventId != null) {
      g.writeStringField("sharedEventID", sharedEventId);
    }
    g.writeStringField("eventCategory", category);
    if (tlsHost != null) {
      g.writeObjectFieldStart("tlsDetails");
      g.writeStringField("tlsVersion", "TLSv1.3");
      g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
      g.writeStringField("clientProvidedHostHeader", tlsHost);
      g.writeEndObject();
    }
    if (fromConsole) {
      g.writeStringField("sessionCredentialFromConsole", "true");
    }
    g.writeEndObject();
  }
}
