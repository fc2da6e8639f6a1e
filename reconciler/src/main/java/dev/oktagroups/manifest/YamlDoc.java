package dev.oktagroups.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktagroups.diag.SourceRef;
import java.util.Map;

/**
 * A parsed YAML file: its tree and where every key and value sits in the text.
 *
 * <p>Pointers are RFC 6901 JSON pointers without the leading {@code #}: {@code ""} is the root,
 * {@code /members/0/user} a nested value.
 */
public final class YamlDoc {
  private final String path;
  private final JsonNode root;
  private final Map<String, int[]> values;
  private final Map<String, int[]> keys;

  YamlDoc(String path, JsonNode root, Map<String, int[]> values, Map<String, int[]> keys) {
    this.path = path;
    this.root = root;
    this.values = values;
    this.keys = keys;
  }

  public String path() {
    return path;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * Where the value at {@code pointer} starts; falls back to the nearest ancestor that has a
   * position (values copied from an alias only record their root), then to the file start.
   */
  public SourceRef valueRef(String pointer) {
    String p = pointer;
    while (true) {
      int[] at = values.get(p);
      if (at != null) {
        return SourceRef.of(path, at[0], at[1]);
      }
      if (p.isEmpty()) {
        return SourceRef.file(path);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** Where the key of the member at {@code pointer} is written, else {@link #valueRef}. */
  public SourceRef keyRef(String pointer) {
    int[] at = keys.get(pointer);
    return at != null ? SourceRef.of(path, at[0], at[1]) : valueRef(pointer);
  }

  /** Appends an escaped reference token to a pointer: {@code child("/a", "b/c") = "/a/b~1c"}. */
  public static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }
}
