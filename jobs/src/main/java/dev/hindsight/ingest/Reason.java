package dev.hindsight.ingest;

/** Why input became a quarantine row instead of an event. Stored by name in quarantine.reason. */
public enum Reason {
  /** The file could not be opened or read (permissions, vanished, I/O error). */
  READ_ERROR,
  /** The file has no content. */
  EMPTY_FILE,
  /** The gzip stream ends early; the records before the cut were kept. */
  TRUNCATED_GZIP,
  /** The gzip stream is damaged (bad header, CRC, deflate data). */
  CORRUPT_GZIP,
  /** More decompressed bytes than --max-file-bytes: a decompression bomb or not a log file. */
  FILE_TOO_LARGE,
  /** Bytes that are not UTF-8. */
  INVALID_UTF8,
  /** Not JSON, or JSON cut short. */
  INVALID_JSON,
  /** Valid JSON, but not a shape this source knows (not a record, an array of records or a Records wrapper). */
  UNRECOGNIZED_SHAPE,
  /** An element of the records array (or a line) that is not a JSON object. */
  NOT_A_RECORD,
  /** A record larger than --max-record-bytes. */
  OVERSIZED_RECORD,
  /** A record without an event id. */
  MISSING_EVENT_ID,
  /** A record without an event time. */
  MISSING_EVENT_TIME,
  /** An event time that is not an ISO-8601 timestamp. */
  BAD_EVENT_TIME,
  /** A field of the wrong JSON type (an object where a string belongs, ...). */
  WRONG_TYPE,
  /**
   * The parser itself failed on this file: a bug in hindsight, not bad input. The whole file is quarantined with
   * the exception in the detail (nothing of it reaches events); after an upgrade, ingest it again with --reprocess.
   */
  PARSER_ERROR
}
