package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Requests served per endpoint (method and path template), and how many were refused with 429. */
public final class RequestStats {
  /** Counts for one endpoint. */
  public record Count(long requests, long rateLimited) {}

  private final TreeMap<String, long[]> counts = new TreeMap<>();

  synchronized void record(String endpoint, boolean rateLimited) {
    long[] c = counts.computeIfAbsent(endpoint, k -> new long[2]);
    c[0]++;
    if (rateLimited) {
      c[1]++;
    }
  }

  public synchronized Map<String, Count> snapshot() {
    Map<String, Count> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, new Count(v[0], v[1])));
    return out;
  }

  /** All API requests (control API excluded). */
  public synchronized long total() {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().contains("/__sandbox"))
        .mapToLong(e -> e.getValue()[0])
        .sum();
  }

  public synchronized long rateLimited() {
    return counts.values().stream().mapToLong(v -> v[1]).sum();
  }

  public synchronized void clear() {
    counts.clear();
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode by = o.putObject("endpoints");
    snapshot()
        .forEach(
            (k, c) ->
                by.putObject(k).put("requests", c.requests()).put("rateLimited", c.rateLimited()));
    o.put("total", total());
    o.put("rateLimited", rateLimited());
    return o;
  }
}
