package dev.oktagroups.testing;

import dev.oktagroups.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/** Another client on the same token, spending the groups bucket as fast as it refills. */
public final class Storm {
  private Storm() {}

  /** Starts the storm; it runs while {@code on} is true, or until a request fails. */
  public static Thread start(Sandbox s, AtomicBoolean on) {
    Thread t =
        new Thread(
            () -> {
              HttpClient http = HttpClient.newHttpClient();
              while (on.get()) {
                try {
                  http.send(
                      HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/groups?limit=1"))
                          .header("Authorization", "SSWS " + s.token())
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                  return;
                }
              }
            },
            "storm");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
