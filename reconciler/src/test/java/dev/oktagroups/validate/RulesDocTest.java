package dev.oktagroups.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oktagroups.diag.Rule;
import dev.oktagroups.testing.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RulesDocTest {
  @Test
  void everyRuleIsDocumentedWithItsSeverityAndNoOtherIs() {
    String doc = Repo.read("docs/validation-rules.md");
    Matcher m =
        Pattern.compile("^### `([^`]+)`\\n\\*\\*(error|warning)\\.\\*\\*", Pattern.MULTILINE)
            .matcher(doc);
    Set<String> documented = new TreeSet<>();
    while (m.find()) {
      documented.add(m.group(1));
      assertEquals(
          Rule.byId(m.group(1)).orElseThrow().severity().label(),
          m.group(2),
          "severity of " + m.group(1));
    }
    assertEquals(new TreeSet<>(Rule.all().stream().map(Rule::id).toList()), documented);
  }

  /** Rule.all() promises the documented order; tools list rules in it. */
  @Test
  void catalogueOrderIsTheDocumentedOrder() {
    String doc = Repo.read("docs/validation-rules.md");
    Matcher m = Pattern.compile("^### `([^`]+)`", Pattern.MULTILINE).matcher(doc);
    List<String> documented = new ArrayList<>();
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(documented, Rule.all().stream().map(Rule::id).toList());
  }
}
