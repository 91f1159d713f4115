package dev.hindsight.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's definition, loaded from {@code schemas/<table>.json} on the classpath. Those files define a table's
 * columns; code refers to them through the typed rows of {@code dev.hindsight.lake.tables} (checked against
 * these files by TablesTest).
 */
public record TableSchema(String table, int version, List<String> partitionedBy, StructType schema, String description) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, TableSchema> CACHE = new ConcurrentHashMap<>();

  /** Whether hindsight has a schema file for the table. */
  public static boolean exists(String table) {
    return CACHE.containsKey(table)
        || TableSchema.class.getClassLoader().getResource("schemas/" + table + ".json") != null;
  }

  public static TableSchema of(String table) {
    return CACHE.computeIfAbsent(table, TableSchema::load);
  }

  private static TableSchema load(String table) {
    String resource = "schemas/" + table + ".json";
    try (InputStream in = TableSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("Cannot load table " + table + ": no " + resource + " on the classpath");
      }
      JsonNode root = JSON.readTree(in);
      List<StructField> fields = new ArrayList<>();
      for (JsonNode c : root.get("columns")) {
        Metadata meta = Metadata.fromJson(JSON.createObjectNode()
            .put("comment", c.path("comment").asText("")).toString());
        fields.add(new StructField(c.get("name").asText(), DataType.fromDDL(c.get("type").asText()),
            c.path("nullable").asBoolean(true), meta));
      }
      List<String> partitions = new ArrayList<>();
      root.path("partitioned_by").forEach(p -> partitions.add(p.asText()));
      return new TableSchema(root.get("table").asText(), root.get("version").asInt(), List.copyOf(partitions),
          new StructType(fields.toArray(StructField[]::new)), root.path("description").asText(""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load table " + table + ": " + resource + " is unreadable", e);
    }
  }

  /** Column names in table order. */
  public String[] columns() {
    return schema.fieldNames();
  }

  public int indexOf(String column) {
    return schema.fieldIndex(column);
  }
}
