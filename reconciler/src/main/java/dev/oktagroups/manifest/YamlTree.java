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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Builds the tree of one YAML document from SnakeYAML's parser events, recording where every key
 * and value starts, counting values as aliases expand and enforcing the depth and size limits.
 * {@link YamlReader} explains why the tree is built here rather than by Jackson. One instance per
 * file; not thread-safe.
 */
final class YamlTree {
  private static final Set<String> YAML12_BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final String STR_TAG = "tag:yaml.org,2002:str";
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private final String path;
  private final YamlReader.Limits limits;
  private final List<Diagnostic> out;
  private final Map<String, int[]> values = new HashMap<>();
  private final Map<String, int[]> keys = new HashMap<>();
  private final Map<String, JsonNode> anchors = new HashMap<>();
  private final Map<String, Integer> anchorSizes = new HashMap<>();
  private int nodes;

  /** Aborts the walk at a finding that makes the rest of the file meaningless; carries it. */
  static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    Abort(Diagnostic d) {
      super(d.message(), null, false, false);
      this.diagnostic = d;
    }
  }

  YamlTree(String path, YamlReader.Limits limits, List<Diagnostic> out) {
    this.path = path;
    this.limits = limits;
    this.out = out;
  }

  /** The document whose root {@link #value} returned, with the positions recorded on the way. */
  YamlDoc document(JsonNode root) {
    return new YamlDoc(path, root, values, keys);
  }

  /** Reads the value that starts with event {@code e}. */
  JsonNode value(Parser p, Event e, String pointer, int depth) {
    if (depth > limits.maxDepth()) {
      throw new Abort(
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
      throw new Abort(
          Diagnostic.of(
              Rule.YAML_SYNTAX,
              at(e),
              "unexpected " + e.getEventId(),
              "Check the YAML structure."));
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
      throw new Abort(
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
      throw new Abort(
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
        throw new Abort(
            Diagnostic.of(
                Rule.YAML_SYNTAX,
                at(k),
                "keys must be plain words, not lists or mappings",
                "Write a simple key."));
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
        new YamlTree(path, limits, new ArrayList<>()).value(p, v, childPtr, depth + 1);
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
   * Resolves a scalar by YAML 1.2's core schema: quoted scalars are text; plain ones are null, a
   * boolean (only true/false), an integer, a float, or text. {@code !!str} forces text.
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
      throw new Abort(
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
