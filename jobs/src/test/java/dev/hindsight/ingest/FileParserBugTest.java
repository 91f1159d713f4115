package dev.hindsight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.lake.HadoopConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parser that throws is a bug, not bad input: the file gets its own quarantine reason and nothing else. */
class FileParserBugTest {

  /** A source whose parser fails the way a bug does (an unchecked exception from its own code). */
  static final class BuggySource implements Source {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
      return "buggy";
    }

    @Override
    public Discovery discover(FileSystem fs, org.apache.hadoop.fs.Path root, DateRange range) throws IOException {
      throw new UnsupportedOperationException("not listed in this test");
    }

    @Override
    public String parse(String inputFile, FileBytes bytes, ParseLimits limits, RecordSink sink) {
      String text = new String(bytes.data(), 0, bytes.length(), StandardCharsets.UTF_8);
      throw new NullPointerException("bug while reading " + text.length() + " chars");
    }
  }

  @Test
  void aParserExceptionQuarantinesTheWholeFileAsParserError(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("ok.json"), "{\"Records\": [{\"eventID\": \"e-1\"}]}");
    FileParser parser = new FileParser(new BuggySource(), ParseLimits.DEFAULT, new HadoopConf(new Configuration()),
        "run-1", Instant.parse("2026-01-01T00:00:00Z"));

    List<Row> rows = parser.parse(new InputFile(file.toUri().toString(), Files.size(file), 0L));

    int kind = ParsedRows.SCHEMA.fieldIndex(ParsedRows.KIND);
    assertThat(rows).extracting(r -> r.getString(kind)).as("one quarantine row and the file's row, no event")
        .containsExactly(ParsedRows.BAD, ParsedRows.FILE);
    Row bad = rows.get(0);
    assertThat(bad.getString(ParsedRows.SCHEMA.fieldIndex("q_reason"))).isEqualTo(Reason.PARSER_ERROR.name());
    assertThat(bad.getString(ParsedRows.SCHEMA.fieldIndex("q_detail")))
        .startsWith("parser failed on this file (a bug in hindsight): java.lang.NullPointerException: bug while");
    Row fileRow = rows.get(1);
    assertThat(fileRow.<Long>getAs(ParsedRows.SCHEMA.fieldIndex("f_quarantined"))).isEqualTo(1L);
    assertThat(fileRow.<Long>getAs(ParsedRows.SCHEMA.fieldIndex("f_events"))).isZero();
  }
}
