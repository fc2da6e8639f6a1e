package dev.oktagroups.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oktagroups.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;

/** Every plan okta-groups writes conforms to schemas/plan.schema.json. */
public class PlanSchemaTest {
  public static Schema schema() {
    return SchemaLoader.builder()
        .schemaJson(new JSONObject(new JSONTokener(Repo.read("schemas/plan.schema.json"))))
        .draftV7Support()
        .build()
        .load()
        .build();
  }

  @Test
  void goldenPlansConform() throws Exception {
    Schema s = schema();
    Path golden = Path.of(getClass().getResource("/golden").toURI());
    List<Path> plans;
    try (Stream<Path> w = Files.walk(golden)) {
      plans = w.filter(p -> p.getFileName().toString().equals("plan.json")).toList();
    }
    assertFalse(plans.isEmpty());
    for (Path p : plans) {
      s.validate(new JSONObject(new JSONTokener(Files.readString(p))));
    }
  }

  @Test
  void theSchemaRejectsWhatIsNotAPlan() throws Exception {
    Schema s = schema();
    Path any = Path.of(getClass().getResource("/golden/03-updates/plan.json").toURI());
    JSONObject ok = new JSONObject(new JSONTokener(Files.readString(any)));
    JSONObject wrongVersion = new JSONObject(ok.toString()).put("version", 1);
    assertThrows(ValidationException.class, () -> s.validate(wrongVersion));
    JSONObject badAction = new JSONObject(ok.toString());
    badAction.getJSONArray("changes").getJSONObject(0).put("action", "rename");
    assertThrows(ValidationException.class, () -> s.validate(badAction));
    JSONObject extra = new JSONObject(ok.toString()).put("colour", "blue");
    assertThrows(ValidationException.class, () -> s.validate(extra));
    assertEquals(3, ok.getInt("version"));
  }

  @Test
  void aReplaceCarriesTheReasonForItsSuccessorAndOnlyAReplaceDoes() throws Exception {
    Schema s = schema();
    Path any =
        Path.of(getClass().getResource("/golden/07-invalid-rules-and-adoption/plan.json").toURI());
    JSONObject ok = new JSONObject(new JSONTokener(Files.readString(any)));
    s.validate(ok);
    JSONObject replace = null;
    for (Object c : ok.getJSONArray("changes")) {
      if (((JSONObject) c).getString("action").equals("replace")) {
        replace = (JSONObject) c;
      }
    }
    assertEquals("rule", replace.getString("resource"), "the golden plan replaces INVALID rules");
    replace.remove("replacementReason");
    assertThrows(
        ValidationException.class,
        () -> s.validate(ok),
        "a replace without the successor's reason");
    replace.put("replacementReason", "r").put("resource", "group");
    assertThrows(ValidationException.class, () -> s.validate(ok), "groups are never replaced");
    JSONObject notReplace = new JSONObject(new JSONTokener(Files.readString(any)));
    notReplace.getJSONArray("changes").getJSONObject(0).put("replacementReason", "r");
    assertThrows(ValidationException.class, () -> s.validate(notReplace), "only a replace has one");
  }
}
