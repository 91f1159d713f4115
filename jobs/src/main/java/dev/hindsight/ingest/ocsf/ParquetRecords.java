package dev.hindsight.ingest.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of a Parquet file already in memory (the bytes FileParser read in its one pass) as JSON
 * objects: nested groups become objects, repeated fields and LIST groups arrays, MAP groups objects.
 */
final class ParquetRecords {
  private ParquetRecords() {}

  /** Calls each with every row; throws IOException when the bytes are not a readable Parquet file. */
  static void read(byte[] data, int length, Consumer<ObjectNode> each) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new BytesInputFile(data, length))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          each.accept(object(rr.read(), schema));
        }
      }
    }
  }

  private static ObjectNode object(Group g, GroupType type) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (int f = 0; f < type.getFieldCount(); f++) {
      Type ft = type.getType(f);
      int n = g.getFieldRepetitionCount(f);
      if (n == 0) {
        continue;
      }
      if (ft.isRepetition(Type.Repetition.REPEATED)) {
        ArrayNode a = o.putArray(ft.getName());
        for (int i = 0; i < n; i++) {
          a.add(value(g, f, i, ft));
        }
      } else {
        o.set(ft.getName(), value(g, f, 0, ft));
      }
    }
    return o;
  }

  private static JsonNode value(Group g, int f, int i, Type ft) {
    if (!ft.isPrimitive()) {
      Group child = g.getGroup(f, i);
      GroupType gt = ft.asGroupType();
      LogicalTypeAnnotation la = gt.getLogicalTypeAnnotation();
      if (la instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && gt.getFieldCount() == 1) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        Type rep = gt.getType(0);
        int n = child.getFieldRepetitionCount(0);
        for (int k = 0; k < n; k++) {
          JsonNode el = value(child, 0, k, rep);
          // the standard 3-level list: repeated group list { element }
          if (!rep.isPrimitive() && rep.asGroupType().getFieldCount() == 1 && el.isObject()) {
            JsonNode inner = el.elements().hasNext() ? el.elements().next() : null;
            a.add(inner == null ? JsonNodeFactory.instance.nullNode() : inner);
          } else {
            a.add(el);
          }
        }
        return a;
      }
      if ((la instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) && gt.getFieldCount() == 1) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        int n = child.getFieldRepetitionCount(0);
        for (int k = 0; k < n; k++) {
          Group kv = child.getGroup(0, k);
          String key = kv.getFieldRepetitionCount(0) > 0 ? kv.getValueToString(0, 0) : "";
          GroupType kvt = gt.getType(0).asGroupType();
          m.set(key, kv.getFieldRepetitionCount(1) > 0 ? value(kv, 1, 0, kvt.getType(1))
              : JsonNodeFactory.instance.nullNode());
        }
        return m;
      }
      return object(child, gt);
    }
    PrimitiveType pt = ft.asPrimitiveType();
    LogicalTypeAnnotation la = pt.getLogicalTypeAnnotation();
    switch (pt.getPrimitiveTypeName()) {
      case BOOLEAN:
        return JsonNodeFactory.instance.booleanNode(g.getBoolean(f, i));
      case INT32:
        return JsonNodeFactory.instance.numberNode(g.getInteger(f, i));
      case INT64:
        long v = g.getLong(f, i);
        if (la instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
          // as epoch milliseconds, OCSF's own unit for time
          v = switch (ts.getUnit()) {
            case MICROS -> v / 1000;
            case NANOS -> v / 1_000_000;
            default -> v;
          };
        }
        return JsonNodeFactory.instance.numberNode(v);
      case FLOAT:
        return JsonNodeFactory.instance.numberNode(g.getFloat(f, i));
      case DOUBLE:
        return JsonNodeFactory.instance.numberNode(g.getDouble(f, i));
      case INT96:
        return JsonNodeFactory.instance.textNode(g.getValueToString(f, i));
      default:
        return JsonNodeFactory.instance.textNode(g.getBinary(f, i).toStringUsingUTF8());
    }
  }

  /** A Parquet InputFile over bytes in memory. */
  private static final class BytesInputFile implements InputFile {
    private final byte[] data;
    private final int length;

    BytesInputFile(byte[] data, int length) {
      this.data = data;
      this.length = length;
    }

    @Override
    public long getLength() {
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(data, 0, length);
      return new DelegatingSeekableInputStream(in) {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void seek(long newPos) {
          in.reset();
          in.skip(newPos);
          pos = newPos;
        }

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            pos++;
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            pos += n;
          }
          return n;
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
          if (pos + len > length) {
            throw new java.io.EOFException("read past the end of the Parquet data");
          }
          System.arraycopy(data, (int) pos, bytes, start, len);
          seek(pos + len);
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
          readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
          int len = buf.remaining();
          if (pos + len > length) {
            throw new java.io.EOFException("read past the end of the Parquet data");
          }
          buf.put(data, (int) pos, len);
          seek(pos + len);
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
          int len = (int) Math.min(buf.remaining(), length - pos);
          if (len <= 0) {
            return -1;
          }
          buf.put(data, (int) pos, len);
          seek(pos + len);
          return len;
        }
      };
    }
  }
}
