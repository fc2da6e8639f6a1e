package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.diag.Rule;
import dev.oktagroups.diag.SourceRef;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Parses one YAML file into a {@link YamlDoc}, enforcing the hygiene rules manifests need.
 *
 * <p>The tree is built by {@code YamlTree} from SnakeYAML's parser events (SnakeYAML is what
 * jackson-dataformat-yaml parses with) rather than through Jackson's {@code readTree}, because that
 * tree silently misreads manifests: an alias {@code *x} becomes the string {@code "x"}, YAML 1.1
 * turns {@code countryCode: NO} into {@code false}, and a repeated key overwrites the first. Here
 * each of those becomes a finding with a line, and scalars follow YAML 1.2's core schema, where
 * only {@code true} and {@code false} are booleans. Skipping Jackson's token layer also halves the
 * cold-start cost of parsing, which dominates {@code validate} on big repos.
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
    return parse(path, text, out);
  }

  /** Walks the events of decoded {@code text}; every way it can fail becomes one finding. */
  private Result parse(String path, String text, List<Diagnostic> out) {
    YamlTree b = new YamlTree(path, limits, out);
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
      return new Result(Optional.of(b.document(root)), out);
    } catch (YamlTree.Abort e) {
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
    String detail =
        context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem;
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
}
