package dev.oktagroups.testing;

import dev.oktagroups.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Another client on the same token, spending the groups bucket as fast as it refills. */
public final class Storm {
  /** The query of every storm request, so a listener can tell them from other clients'. */
  public static final String QUERY = "limit=1";

  private Storm() {}

  /** How many requests the storm keeps in flight: enough to spend a bucket on a busy machine. */
  private static final int SENDERS = 6;

  /**
   * Starts the storm; it runs while {@code on} is true. A failed request (an injected reset) does
   * not end it. The thread returned ends once every sender has.
   */
  public static Thread start(Sandbox s, AtomicBoolean on) {
    Thread t =
        new Thread(
            () -> {
              HttpClient http = HttpClient.newHttpClient();
              List<Thread> senders = new ArrayList<>();
              for (int i = 0; i < SENDERS; i++) {
                Thread sender = new Thread(() -> send(http, s, on), "storm-" + i);
                sender.setDaemon(true);
                sender.start();
                senders.add(sender);
              }
              for (Thread sender : senders) {
                try {
                  sender.join();
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "storm");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void send(HttpClient http, Sandbox s, AtomicBoolean on) {
    HttpRequest storm =
        HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/groups?" + QUERY))
            .header("Authorization", "SSWS " + s.token())
            .build();
    while (on.get()) {
      try {
        http.send(storm, HttpResponse.BodyHandlers.discarding());
      } catch (java.io.IOException e) {
        // a reset: the storm goes on
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
