package dev.oktagroups.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  private static OrgConfig bind(String yaml) {
    YamlDoc d =
        new YamlReader()
            .read("okta-groups.yaml", yaml.getBytes(StandardCharsets.UTF_8))
            .doc()
            .orElseThrow();
    return ConfigBinder.bind(d);
  }

  @Test
  void readCacheMaxAgeTakesTheFlagsSyntax() {
    assertEquals(
        Duration.ofMinutes(90), bind("readCache:\n  maxAge: 1H30m\n").readCache().maxAge());
    assertEquals(Duration.ofDays(7), bind("readCache: {maxAge: ' 7d '}\n").readCache().maxAge());
  }

  /** Left out, or not a duration (which the validator reports): the default, 24 h. */
  @Test
  void withoutAUsableValueTheDefaultStands() {
    for (String yaml :
        new String[] {
          "org: {url: https://example.okta.com}\n",
          "readCache: {}\n",
          "readCache: {maxAge: 6 hours}\n",
          "readCache: {maxAge: 24}\n",
          "readCache: {maxAge: 99999999999999999999d}\n"
        }) {
      assertEquals(Duration.ofHours(24), bind(yaml).readCache().maxAge(), yaml);
    }
  }

  @Test
  void durationTextRefusesWhatIsNotADuration() {
    assertEquals(Optional.of(Duration.ofMillis(500)), DurationText.parse("500ms"));
    for (String bad : new String[] {"", "6", "h", "6 h", "6hours", "1h 30m", "-1h", "1.5h"}) {
      assertEquals(Optional.empty(), DurationText.parse(bad), bad);
    }
  }
}
