package dev.hindsight.score.geo;

import java.io.Serializable;

/**
 * What the GeoIP databases know about one public address.
 *
 * @param country ISO 3166-1 alpha-2 code in upper case ("US", "DE"), or null when the country database is
 *     missing or has no entry for the address
 * @param asn the autonomous system as "AS" + number ("AS16509"), or null when unknown
 * @param asnOrg the autonomous system's organisation as the ASN database names it ("Amazon.com, Inc."), or null
 */
public record GeoInfo(String country, String asn, String asnOrg) implements Serializable {}
