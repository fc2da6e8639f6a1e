package dev.oktagroups.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
  private final YamlReader reader = new YamlReader();

  private YamlReader.Result read(String yaml) {
    return reader.read("groups/x.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private YamlDoc doc(String yaml) {
    YamlReader.Result r = read(yaml);
    assertEquals(List.of(), r.diagnostics());
    return r.doc().orElseThrow();
  }

  @Test
  void yaml11BooleanWordsStayText() {
    YamlDoc d = doc("country: NO\nanswer: yes\nswitch: off\nreal: true\nfalse_: False\n");
    assertEquals("NO", d.root().get("country").asText());
    assertTrue(d.root().get("country").isTextual());
    assertTrue(d.root().get("answer").isTextual());
    assertTrue(d.root().get("switch").isTextual());
    assertTrue(d.root().get("real").isBoolean());
    assertTrue(d.root().get("false_").isBoolean());
  }

  @Test
  void aliasesExpandToTheAnchoredValue() {
    YamlDoc d = doc("owners: &o ['@a', '@b']\ncopy: *o\n");
    assertEquals(d.root().get("owners"), d.root().get("copy"));
    assertEquals(2, d.root().get("copy").size());
  }

  @Test
  void explicitStringTagKeepsNumbersAsText() {
    YamlDoc d = doc("code: !!str 012\n");
    assertTrue(d.root().get("code").isTextual());
    assertEquals("012", d.root().get("code").asText());
  }

  @Test
  void keysAndValuesKeepTheirPositions() {
    YamlDoc d =
        doc("name: x\nrule:\n  all:\n    - department: Engineering\n    - countryCode: [US, CA]\n");
    assertEquals(4, d.keyRef("/rule/all/0/department").line());
    assertEquals(7, d.keyRef("/rule/all/0/department").column());
    assertEquals(5, d.valueRef("/rule/all/1/countryCode/1").line());
    assertEquals(25, d.valueRef("/rule/all/1/countryCode/1").column());
    // unknown pointers fall back to the nearest ancestor
    assertEquals(5, d.valueRef("/rule/all/1/countryCode/9").line());
  }

  @Test
  void duplicateKeyNamesBothLines() {
    YamlReader.Result r = read("name: a\nkind: managed\nname: b\n");
    assertEquals(1, r.diagnostics().size());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals("yaml/duplicate-key", d.rule());
    assertEquals(3, d.where().line());
    assertTrue(d.message().contains("first at line 1"), d.message());
    assertEquals("a", r.doc().orElseThrow().root().get("name").asText(), "the first value is kept");
  }

  @Test
  void billionLaughsIsBoundedNotExpanded() {
    StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      char p = (char) ('a' + i - 1);
      char c = (char) ('a' + i);
      sb.append(c).append(": &").append(c).append(" [");
      for (int k = 0; k < 10; k++) {
        sb.append(k == 0 ? "" : ", ").append('*').append(p);
      }
      sb.append("]\n");
    }
    long t0 = System.nanoTime();
    YamlReader.Result r = read(sb.toString());
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "must fail fast");
    assertEquals("yaml/aliases", r.diagnostics().get(0).rule());
    assertTrue(r.doc().isEmpty());
  }

  @Test
  void invalidUtf8IsLocated() {
    byte[] bytes = "name: x\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    YamlReader.Result r = reader.read("groups/x.yaml", bytes);
    Diagnostic d = r.diagnostics().get(0);
    assertEquals("yaml/encoding", d.rule());
    assertEquals(2, d.where().line());
    assertEquals(17, d.where().column());
  }

  @Test
  void utf8ByteOrderMarkIsAccepted() {
    byte[] body = "name: x\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    YamlReader.Result r = reader.read("groups/x.yaml", bytes);
    assertEquals(List.of(), r.diagnostics());
    assertEquals("x", r.doc().orElseThrow().root().get("name").asText());
  }

  @Test
  void secondDocumentIsRejected() {
    YamlReader.Result r = read("name: a\n---\nname: b\n");
    assertEquals("yaml/multi-document", r.diagnostics().get(0).rule());
  }

  @Test
  void commentsOnlyIsEmpty() {
    assertEquals("yaml/empty", read("# just a comment\n").diagnostics().get(0).rule());
  }
}
