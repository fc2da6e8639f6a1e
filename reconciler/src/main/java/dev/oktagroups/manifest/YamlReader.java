package dev.oktagroups.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.SourceRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses one YAML file into a {@link YamlDoc}, enforcing the hygiene rules manifests need.
 *
 * <p>Jackson's YAML parser is driven token by token instead of through {@code readTree}, because
 * the tree it would build silently misreads manifests: an alias {@code *x} becomes the string
 * {@code "x"}, YAML 1.1 turns {@code countryCode: NO} into {@code false}, and a repeated key
 * overwrites the first. Building the tree here lets each of those become a finding with a line,
 * or, for booleans, follow YAML 1.2, where only {@code true} and {@code false} are booleans.
 *
 * <p>Thread-safe; one instance serves every file.
 */
public final class YamlReader {

  /** Bounds that keep a hostile or broken file from exhausting memory or time. */
  public record Limits(int maxBytes, int maxNodes, int maxDepth) {
    public static final Limits DEFAULT = new Limits(1 << 20, 10_000, 40);
  }

  /** The outcome: a document when the file parsed, and every finding either way. */
  public record Result(Optional<YamlDoc> doc, List<Diagnostic> diagnostics) {}

  private static final Set<String> YAML12_BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final String STR_TAG = "tag:yaml.org,2002:str";

  private final Limits limits;
  private final YAMLFactory factory;

  public YamlReader(Limits limits) {
    this.limits = limits;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limits.maxBytes() + 1);
    options.setNestingDepthLimit(limits.maxDepth() + 5);
    options.setAllowDuplicateKeys(true); // detected below, with the line of the repeat
    this.factory = YAMLFactory.builder().loaderOptions(options).build();
  }

  public YamlReader() {
    this(Limits.DEFAULT);
  }

  /** Parses {@code bytes} read from the repository-relative {@code path}. */
  public Result read(String path, byte[] bytes) {
    List<Diagnostic> out = new ArrayList<>();
    if (bytes.length > limits.maxBytes()) {
      out.add(
          Diagnostic.error(
              "yaml/too-large",
              SourceRef.file(path),
              "file is " + bytes.length + " bytes; manifests may be at most " + limits.maxBytes(),
              "A group manifest is a few hundred bytes. Split generated content or remove it."));
      return new Result(Optional.empty(), out);
    }
    String text;
    try {
      text = decodeUtf8(bytes);
    } catch (BadEncoding e) {
      out.add(
          Diagnostic.error(
              "yaml/encoding",
              e.where(path),
              "file is not valid UTF-8 (byte 0x"
                  + String.format("%02X", bytes[e.offset] & 0xff)
                  + " at offset "
                  + e.offset
                  + ")",
              "Save the file as UTF-8; most editors offer this under 'Save with encoding'."));
      return new Result(Optional.empty(), out);
    }
    Builder b = new Builder(path, out);
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        out.add(
            Diagnostic.error(
                "yaml/empty",
                SourceRef.file(path),
                "file has no YAML document",
                "Write the group as a mapping starting with 'name:', or delete the file."));
        return new Result(Optional.empty(), out);
      }
      JsonNode root = b.value(p, "", 0);
      if (root == null) {
        return new Result(Optional.empty(), out);
      }
      JsonToken next = p.nextToken();
      if (next != null) {
        JsonLocation at = p.currentTokenLocation();
        out.add(
            Diagnostic.error(
                "yaml/multi-document",
                SourceRef.of(path, Math.max(1, at.getLineNr() - 1), 1),
                "file holds more than one YAML document",
                "Put each group in its own file under groups/, named after the group."));
        return new Result(Optional.empty(), out);
      }
      return new Result(Optional.of(new YamlDoc(path, root, b.values, b.keys)), out);
    } catch (TooBig e) {
      out.add(e.diagnostic);
      return new Result(Optional.empty(), out);
    } catch (JsonProcessingException e) {
      out.add(syntaxError(path, e));
      return new Result(Optional.empty(), out);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML signals some malformed input with unchecked exceptions; none may escape as a
      // stack trace, so report them as the syntax errors they are.
      out.add(
          Diagnostic.error(
              "yaml/syntax",
              SourceRef.file(path),
              "YAML could not be parsed: " + firstLine(String.valueOf(e.getMessage())),
              "Check indentation and quoting near the reported position."));
      return new Result(Optional.empty(), out);
    }
  }

  private static Diagnostic syntaxError(String path, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 1 : Math.max(1, loc.getLineNr());
    int col = loc == null ? 1 : Math.max(1, loc.getColumnNr());
    String msg = e.getOriginalMessage();
    String detail = summarizeSnakeYaml(msg);
    return Diagnostic.error(
        "yaml/syntax",
        SourceRef.of(path, line, col),
        "YAML syntax error: " + detail,
        "Check indentation and quoting near this position; a value containing ': ' or '#' "
            + "needs quotes.");
  }

  /** SnakeYAML messages span several lines with an excerpt; keep the context and the problem. */
  static String summarizeSnakeYaml(String msg) {
    if (msg == null) {
      return "malformed document";
    }
    String[] lines = msg.split("\n");
    List<String> keep = new ArrayList<>();
    for (String l : lines) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("in 'reader'") || t.startsWith("^") || l.startsWith("    ")) {
        continue;
      }
      keep.add(t);
    }
    return keep.isEmpty() ? firstLine(msg) : String.join(": ", keep);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String decodeUtf8(byte[] bytes) throws BadEncoding {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      start = 3; // a UTF-8 byte-order mark is legal and harmless
    }
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      CharBuffer cb = dec.decode(in);
      return cb.toString();
    } catch (CharacterCodingException e) {
      // decode() stops at the bad input; find it again to report its position
      CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder();
      ByteBuffer scan = ByteBuffer.wrap(bytes, start, bytes.length - start);
      CharBuffer sink = CharBuffer.allocate(bytes.length + 1);
      probe.decode(scan, sink, true);
      throw new BadEncoding(bytes, scan.position());
    }
  }

  /** Invalid UTF-8 at a byte offset. */
  private static final class BadEncoding extends Exception {
    private static final long serialVersionUID = 1L;
    final transient byte[] bytes;
    final int offset;

    BadEncoding(byte[] bytes, int offset) {
      super(null, null, false, false);
      this.bytes = bytes;
      this.offset = Math.min(offset, bytes.length - 1);
    }

    SourceRef where(String path) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return SourceRef.of(path, line, offset - lineStart + 1);
    }
  }

  /** Aborts parsing when a limit is hit; carries the finding. */
  private static final class TooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    TooBig(Diagnostic d) {
      super(d.message(), null, false, false);
      this.diagnostic = d;
    }
  }

  /** Builds the tree for one file. */
  private final class Builder {
    final String path;
    final List<Diagnostic> out;
    final Map<String, int[]> values = new HashMap<>();
    final Map<String, int[]> keys = new HashMap<>();
    final Map<String, JsonNode> anchors = new HashMap<>();
    final Map<String, Integer> anchorSizes = new HashMap<>();
    int nodes;

    Builder(String path, List<Diagnostic> out) {
      this.path = path;
      this.out = out;
    }

    /** Reads the value at the current token; null only after a finding that ends the file. */
    JsonNode value(JsonParser p, String pointer, int depth) throws IOException {
      if (depth > limits.maxDepth()) {
        throw new TooBig(
            Diagnostic.error(
                "yaml/too-deep",
                here(p),
                "nesting is deeper than " + limits.maxDepth() + " levels",
                "Manifests are shallow; flatten the selector with 'all'/'any' lists."));
      }
      JsonToken t = p.currentToken();
      JsonLocation loc = p.currentTokenLocation();
      values.putIfAbsent(pointer, new int[] {Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr())});
      YAMLParser yp = (YAMLParser) p;
      if (yp.isCurrentAlias()) {
        return alias(p, p.getText());
      }
      String anchor = yp.getCurrentAnchor();
      int before = nodes;
      JsonNode node = switch (t) {
        case START_OBJECT -> object(p, pointer, depth);
        case START_ARRAY -> array(p, pointer, depth);
        default -> scalar(p, pointer);
      };
      if (anchor != null) {
        anchors.put(anchor, node);
        anchorSizes.put(anchor, nodes - before);
      }
      return node;
    }

    private JsonNode alias(JsonParser p, String name) {
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw new TooBig(
            Diagnostic.error(
                "yaml/syntax",
                here(p),
                "alias *" + name + " refers to no anchor defined before it",
                "Define '&" + name + "' earlier in the file, or write the value out."));
      }
      count(p, anchorSizes.getOrDefault(name, 1));
      return target.deepCopy();
    }

    private void count(JsonParser p, int n) {
      nodes += n;
      if (nodes > limits.maxNodes()) {
        throw new TooBig(
            Diagnostic.error(
                "yaml/aliases",
                here(p),
                "document expands to more than "
                    + limits.maxNodes()
                    + " values (anchors and aliases multiply content)",
                "Write the values out instead of nesting aliases; a group manifest needs no"
                    + " anchors."));
      }
    }

    private ObjectNode object(JsonParser p, String pointer, int depth) throws IOException {
      count(p, 1);
      ObjectNode obj = JsonNodeFactory.instance.objectNode();
      Map<String, int[]> seen = new HashMap<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        if (t != JsonToken.FIELD_NAME) {
          throw new TooBig(
              Diagnostic.error(
                  "yaml/syntax", here(p), "expected a key in this mapping", "Keys are plain words."));
        }
        String key = p.currentName();
        JsonLocation kl = p.currentTokenLocation();
        int[] keyAt = {Math.max(1, kl.getLineNr()), Math.max(1, kl.getColumnNr())};
        String childPtr = YamlDoc.child(pointer, key);
        p.nextToken();
        if (seen.containsKey(key)) {
          int[] first = seen.get(key);
          out.add(
              Diagnostic.error(
                  "yaml/duplicate-key",
                  SourceRef.of(path, keyAt[0], keyAt[1]),
                  "key '" + key + "' is repeated (first at line " + first[0] + ")",
                  "YAML keeps only one of them. Merge the two entries into one."));
          // Parse and drop the repeat so positions of the first stay intact.
          new Builder(path, new ArrayList<>()).value(p, childPtr, depth + 1);
          continue;
        }
        seen.put(key, keyAt);
        keys.put(childPtr, keyAt);
        obj.set(key, value(p, childPtr, depth + 1));
      }
      return obj;
    }

    private ArrayNode array(JsonParser p, String pointer, int depth) throws IOException {
      count(p, 1);
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        arr.add(value(p, YamlDoc.child(pointer, i++), depth + 1));
      }
      return arr;
    }

    private JsonNode scalar(JsonParser p, String pointer) throws IOException {
      count(p, 1);
      JsonToken t = p.currentToken();
      String tag = ((YAMLParser) p).getTypeId();
      if (tag != null && !tag.equals(STR_TAG)) {
        throw new TooBig(
            Diagnostic.error(
                "yaml/tag",
                here(p),
                "YAML tag '" + tag + "' is not supported in manifests",
                "Remove the tag; quote the value if it must stay a string."));
      }
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (tag != null) {
        return f.textNode(p.getText());
      }
      return switch (t) {
        case VALUE_STRING -> f.textNode(p.getText());
        case VALUE_TRUE, VALUE_FALSE -> YAML12_BOOLEANS.contains(p.getText())
            ? f.booleanNode(t == JsonToken.VALUE_TRUE)
            : f.textNode(p.getText());
        case VALUE_NUMBER_INT -> f.numberNode(p.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
        case VALUE_NULL -> f.nullNode();
        default -> throw new TooBig(
            Diagnostic.error(
                "yaml/tag",
                here(p),
                "value of type " + t + " is not supported in manifests",
                "Write a plain string, number, boolean, list or mapping."));
      };
    }

    private SourceRef here(JsonParser p) {
      JsonLocation l = p.currentTokenLocation();
      return SourceRef.of(path, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
  }
}
