package dev.oktagroups.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the done-criterion says, literally: start {@code okta-groups sandbox} from the
 * packaged jar, then curl its groups with limit=2.
 */
class SandboxCurlIT {
  private static final String JAR = System.getProperty("okta-groups.jar", "target/okta-groups.jar");

  @Test
  void curlSeesOktaShapedJsonLinkNextAndRateLimitHeaders() throws Exception {
    Process sandbox =
        new ProcessBuilder(
                "java",
                "-jar",
                Path.of(JAR).toAbsolutePath().toString(),
                "sandbox",
                "--port",
                "0",
                "--users",
                "50",
                "--stop-after",
                "60s")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
      String url = lines.readLine();
      String token = lines.readLine();
      assertTrue(url.startsWith("OKTA_ORG_URL=http://127.0.0.1:"), url);
      assertTrue(token.startsWith("OKTA_API_TOKEN="), token);
      Process curl =
          new ProcessBuilder(
                  "curl",
                  "-sS",
                  "-D",
                  "-",
                  "-H",
                  "Authorization: SSWS " + token.substring(15),
                  url.substring(13) + "/api/v1/groups?limit=2")
              .redirectErrorStream(true)
              .start();
      String response = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, curl.exitValue(), response);
      String[] parts = response.split("\r\n\r\n", 2);
      String headers = parts[0].toLowerCase(java.util.Locale.ROOT);
      assertTrue(headers.startsWith("http/1.1 200"), headers);
      for (String h :
          List.of(
              "x-rate-limit-limit:",
              "x-rate-limit-remaining:",
              "x-rate-limit-reset:",
              "date:",
              "x-okta-request-id:")) {
        assertTrue(headers.contains(h), h + " missing:\n" + parts[0]);
      }
      assertTrue(headers.contains("rel=\"next\""), "a Link rel=next header:\n" + parts[0]);
      assertTrue(headers.contains("rel=\"self\""));
      JsonNode groups = new ObjectMapper().readTree(parts[1]);
      assertEquals(2, groups.size());
      for (JsonNode g : groups) {
        assertTrue(g.get("id").asText().matches("00g[0-9A-Za-z]{17}"), g.toString());
        assertNotNull(g.get("profile").get("name"));
        assertTrue(List.of("OKTA_GROUP", "BUILT_IN", "APP_GROUP").contains(g.get("type").asText()));
      }
    } finally {
      sandbox.destroy();
      sandbox.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
