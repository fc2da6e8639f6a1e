package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.diag.SourceRef;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Parses one YAML file into a {@link YamlDoc}, enforcing the hygiene rules manifests need.
 *
 * <p>The tree is built here from SnakeYAML's parser events (SnakeYAML is what
 * jackson-dataformat-yaml parses with) rather than through Jackson's {@code readTree}, because
 * that tree silently misreads manifests: an alias {@code *x} becomes the string {@code "x"},
 * YAML 1.1 turns {@code countryCode: NO} into {@code false}, and a repeated key overwrites the
 * first. Here each of those becomes a finding with a line, and scalars follow YAML 1.2's core
 * schema, where only {@code true} and {@code false} are booleans. Skipping Jackson's token layer
 * also halves the cold-start cost of parsing, which dominates {@code validate} on big repos.
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
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private final Limits limits;
  private final LoaderOptions options;

  public YamlReader(Limits limits) {
    this.limits = limits;
    this.options = new LoaderOptions();
    options.setCodePointLimit(limits.maxBytes() + 1);
    options.setNestingDepthLimit(limits.maxDepth() + 5);
  }

  public YamlReader() {
    this(Limits.DEFAULT);
  }

  /** Parses {@code bytes} read from the repository-relative {@code path}. */
  public Result read(String path, byte[] bytes) {
    List<Diagnostic> out = new ArrayList<>();
    if (bytes.length > limits.maxBytes()) {
      out.add(
          Diagnostic.of(
              Rule.YAML_TOO_LARGE,
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
          Diagnostic.of(
              Rule.YAML_ENCODING,
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
    try {
      Parser p = new ParserImpl(new StreamReader(text), options);
      p.getEvent(); // StreamStart
      if (p.checkEvent(Event.ID.StreamEnd)) {
        out.add(
            Diagnostic.of(
                Rule.YAML_EMPTY,
                SourceRef.file(path),
                "file has no YAML document",
                "Write the group as a mapping starting with 'name:', or delete the file."));
        return new Result(Optional.empty(), out);
      }
      p.getEvent(); // DocumentStart
      JsonNode root = b.value(p, p.getEvent(), "", 0);
      p.getEvent(); // DocumentEnd
      if (!p.checkEvent(Event.ID.StreamEnd)) {
        Event next = p.peekEvent();
        out.add(
            Diagnostic.of(
                Rule.YAML_MULTI_DOCUMENT,
                SourceRef.of(path, next.getStartMark().getLine() + 1, 1),
                "file holds more than one YAML document",
                "Put each group in its own file under groups/, named after the group."));
        return new Result(Optional.empty(), out);
      }
      return new Result(Optional.of(new YamlDoc(path, root, b.values, b.keys)), out);
    } catch (TooBig e) {
      out.add(e.diagnostic);
      return new Result(Optional.empty(), out);
    } catch (MarkedYAMLException e) {
      out.add(syntaxError(path, e));
      return new Result(Optional.empty(), out);
    } catch (RuntimeException e) {
      // SnakeYAML signals some malformed input with other unchecked exceptions; none may escape
      // as a stack trace, so report them as the syntax errors they are.
      out.add(
          Diagnostic.of(
              Rule.YAML_SYNTAX,
              SourceRef.file(path),
              "YAML could not be parsed: " + firstLine(String.valueOf(e.getMessage())),
              "Check indentation and quoting near the reported position."));
      return new Result(Optional.empty(), out);
    }
  }

  private static Diagnostic syntaxError(String path, MarkedYAMLException e) {
    Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    int line = m == null ? 1 : m.getLine() + 1;
    int col = m == null ? 1 : m.getColumn() + 1;
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    String context = e.getContext() == null ? "" : e.getContext().strip();
    String detail = context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem;
    return Diagnostic.of(
        Rule.YAML_SYNTAX,
        SourceRef.of(path, line, col),
        "YAML syntax error: " + (detail.isEmpty() ? "malformed document" : detail),
        "Check indentation and quoting near this position; a value containing ': ' or '#' "
            + "needs quotes.");
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

  /** Builds the tree for one file from SnakeYAML's events. */
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

    /** Reads the value that starts with event {@code e}. */
    JsonNode value(Parser p, Event e, String pointer, int depth) {
      if (depth > limits.maxDepth()) {
        throw new TooBig(
            Diagnostic.of(
                Rule.YAML_TOO_DEEP,
                at(e),
                "nesting is deeper than " + limits.maxDepth() + " levels",
                "Manifests are shallow; flatten the selector with 'all'/'any' lists."));
      }
      values.putIfAbsent(pointer, pos(e));
      if (e instanceof AliasEvent a) {
        return alias(e, a.getAnchor());
      }
      int before = nodes;
      JsonNode node;
      String anchor;
      if (e instanceof MappingStartEvent m) {
        anchor = m.getAnchor();
        node = object(p, pointer, depth);
      } else if (e instanceof SequenceStartEvent sq) {
        anchor = sq.getAnchor();
        node = array(p, pointer, depth);
      } else if (e instanceof ScalarEvent sc) {
        anchor = sc.getAnchor();
        node = scalar(sc);
      } else {
        throw new TooBig(Diagnostic.of(Rule.YAML_SYNTAX, at(e), "unexpected " + e.getEventId(), "Check the YAML structure."));
      }
      if (anchor != null) {
        anchors.put(anchor, node);
        anchorSizes.put(anchor, nodes - before);
      }
      return node;
    }

    private JsonNode alias(Event e, String name) {
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw new TooBig(
            Diagnostic.of(
                Rule.YAML_SYNTAX,
                at(e),
                "alias *" + name + " refers to no anchor defined before it",
                "Define '&" + name + "' earlier in the file, or write the value out."));
      }
      count(e, anchorSizes.getOrDefault(name, 1));
      return target.deepCopy();
    }

    private void count(Event e, int n) {
      nodes += n;
      if (nodes > limits.maxNodes()) {
        throw new TooBig(
            Diagnostic.of(
                Rule.YAML_ALIASES,
                at(e),
                "document expands to more than "
                    + limits.maxNodes()
                    + " values (anchors and aliases multiply content)",
                "Write the values out instead of nesting aliases; a group manifest needs no"
                    + " anchors."));
      }
    }

    private ObjectNode object(Parser p, String pointer, int depth) {
      ObjectNode obj = JsonNodeFactory.instance.objectNode();
      Map<String, int[]> seen = new HashMap<>();
      while (true) {
        Event k = p.getEvent();
        if (k instanceof MappingEndEvent) {
          count(k, 1);
          return obj;
        }
        if (!(k instanceof ScalarEvent ks)) {
          throw new TooBig(
              Diagnostic.of(
                  Rule.YAML_SYNTAX, at(k), "keys must be plain words, not lists or mappings", "Write a simple key."));
        }
        String key = ks.getValue();
        int[] keyAt = pos(k);
        String childPtr = YamlDoc.child(pointer, key);
        Event v = p.getEvent();
        if (seen.containsKey(key)) {
          out.add(
              Diagnostic.of(
                  Rule.YAML_DUPLICATE_KEY,
                  SourceRef.of(path, keyAt[0], keyAt[1]),
                  "key '" + key + "' is repeated (first at line " + seen.get(key)[0] + ")",
                  "YAML keeps only one of them. Merge the two entries into one."));
          // Parse and drop the repeat so the first value and its positions stay intact.
          new Builder(path, new ArrayList<>()).value(p, v, childPtr, depth + 1);
          continue;
        }
        seen.put(key, keyAt);
        keys.put(childPtr, keyAt);
        obj.set(key, value(p, v, childPtr, depth + 1));
      }
    }

    private ArrayNode array(Parser p, String pointer, int depth) {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      int i = 0;
      while (true) {
        Event e = p.getEvent();
        if (e instanceof SequenceEndEvent) {
          count(e, 1);
          return arr;
        }
        arr.add(value(p, e, YamlDoc.child(pointer, i++), depth + 1));
      }
    }

    /**
     * Resolves a scalar by YAML 1.2's core schema: quoted scalars are text; plain ones are null,
     * a boolean (only true/false), an integer, a float, or text. {@code !!str} forces text.
     */
    private JsonNode scalar(ScalarEvent sc) {
      count(sc, 1);
      String tag = sc.getTag();
      String v = sc.getValue();
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (tag != null && !tag.equals("!")) {
        if (tag.equals(STR_TAG)) {
          return f.textNode(v);
        }
        throw new TooBig(
            Diagnostic.of(
                Rule.YAML_TAG,
                at(sc),
                "YAML tag '" + tag + "' is not supported in manifests",
                "Remove the tag; quote the value if it must stay a string."));
      }
      if (sc.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
        return f.textNode(v);
      }
      if (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL")) {
        return f.nullNode();
      }
      if (YAML12_BOOLEANS.contains(v)) {
        return f.booleanNode(v.charAt(0) == 't' || v.charAt(0) == 'T');
      }
      char c = v.charAt(0);
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        if (INT.matcher(v).matches()) {
          return f.numberNode(new BigInteger(v.startsWith("+") ? v.substring(1) : v));
        }
        if (FLOAT.matcher(v).matches()) {
          return f.numberNode(new BigDecimal(v));
        }
      }
      return f.textNode(v);
    }

    private int[] pos(Event e) {
      Mark m = e.getStartMark();
      return m == null ? new int[] {1, 1} : new int[] {m.getLine() + 1, m.getColumn() + 1};
    }

    private SourceRef at(Event e) {
      int[] p = pos(e);
      return SourceRef.of(path, p[0], p[1]);
    }
  }
}
