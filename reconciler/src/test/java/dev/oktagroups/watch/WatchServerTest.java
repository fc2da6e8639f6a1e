package dev.oktagroups.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oktagroups.source.RepoSnapshot;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook endpoint under bad input: huge, malformed, unauthenticated, and a flood. */
class WatchServerTest {
  @TempDir Path tmp;

  /** A source whose fetch is slow, counting how many run at once. */
  static final class SlowSource implements Watcher.Source {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();

    @Override
    public String fetch() {
      int now = inFlight.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      fetches.incrementAndGet();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return "c1";
    }

    @Override
    public RepoSnapshot read(String commit) {
      return new RepoSnapshot("fake", Optional.of(commit), Optional.empty(), List.of());
    }

    @Override
    public int lag(String base, String h) {
      return 0;
    }

    @Override
    public String touched(Optional<String> base, String h) {
      return "";
    }
  }

  private record Running(Watcher watcher, WatchServer server, Thread loop, SlowSource source) {}

  private Running start(StateStore store) throws Exception {
    SlowSource source = new SlowSource();
    Duration hour = Duration.ofHours(1);
    Watcher w =
        new Watcher(
            new Watcher.Config("https://org.okta.com", "main", hour, hour, hour, hour),
            source,
            (snap, stop) -> new Watcher.Result(Watcher.Kind.NOOP, 0, 0, 0, "no changes"),
            store,
            Clock.systemUTC(),
            line -> {},
            new Metrics());
    WatchServer s =
        WatchServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            w,
            new Metrics(),
            Optional.of("s3cret"),
            l -> {});
    Thread loop = new Thread(w::run, "watch-loop-test");
    loop.start();
    return new Running(w, s, loop, source);
  }

  private static URI uri(Running r, String path) {
    return URI.create("http://127.0.0.1:" + r.server().address().getPort() + path);
  }

  private static HttpResponse<String> post(Running r, String token, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(r, "/hooks/gitlab")).timeout(Duration.ofSeconds(20)).POST(body);
    if (token != null) {
      b.header("X-Gitlab-Token", token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher json(String s) {
    return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
  }

  /** A 20 MB body streamed in pieces and without a declared length. */
  private static HttpRequest.BodyPublisher huge() {
    return HttpRequest.BodyPublishers.ofInputStream(
        () ->
            new InputStream() {
              long left = 20L << 20;

              @Override
              public int read() {
                return left-- > 0 ? ' ' : -1;
              }
            });
  }

  @Test
  void badBodiesAndBadTokensAreRefusedWithTheirOwnStatus() throws Exception {
    try (StateStore store = StateStore.open(tmp)) {
      Running r = start(store);
      try {
        assertEquals(413, post(r, "s3cret", huge()).statusCode());
        assertEquals(
            413,
            post(r, "s3cret", HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1]))
                .statusCode());
        assertEquals(400, post(r, "s3cret", json("{\"ref\": \"refs/heads/main\"")).statusCode());
        assertEquals(400, post(r, "s3cret", json("not json")).statusCode());
        assertEquals(401, post(r, "wrong", json("{}")).statusCode());
        assertEquals(401, post(r, null, json("{}")).statusCode());
        assertEquals(202, post(r, "s3cret", json("{\"ref\": \"refs/heads/main\"}")).statusCode());
      } finally {
        r.watcher().stop();
        r.server().close();
        r.loop().join(5000);
      }
    }
  }

  @Test
  void aFloodNeverFetchesTwiceAtOnceAndHealthzKeepsAnswering() throws Exception {
    try (StateStore store = StateStore.open(tmp)) {
      Running r = start(store);
      try {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          flood.add(
              client.sendAsync(
                  HttpRequest.newBuilder(uri(r, "/hooks/gitlab"))
                      .header("X-Gitlab-Token", "s3cret")
                      .POST(json("{\"ref\": \"refs/heads/main\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> h =
              client.send(
                  HttpRequest.newBuilder(uri(r, "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(200, h.statusCode());
          assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "healthz answered slowly");
        }
        for (CompletableFuture<HttpResponse<String>> f : flood) {
          assertEquals(202, f.get().statusCode());
        }
        assertEquals(1, r.source().most.get(), "fetches overlapped");
        assertTrue(r.source().fetches.get() < 200, "pokes were not coalesced");
      } finally {
        r.watcher().stop();
        r.server().close();
        r.loop().join(5000);
      }
    }
  }
}
