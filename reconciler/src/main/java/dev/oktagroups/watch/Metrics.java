package dev.oktagroups.watch;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The watcher's counters and gauges, rendered in Prometheus' text exposition format. */
public final class Metrics {
  private record Family(String help, String type) {}

  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, Labelled> labelled = new ConcurrentHashMap<>();

  /** Declares a counter; {@code name} should end in {@code _total}. */
  public void counter(String name, String help) {
    families.put(name, new Family(help, "counter"));
  }

  /** Declares a gauge whose value is read when metrics are scraped. */
  public void gauge(String name, String help, LongSupplier value) {
    families.put(name, new Family(help, "gauge"));
    gauges.put(name, value);
  }

  /**
   * Declares a family of series with one label, all read when metrics are scraped: {@code values}
   * gives each label value's number, such as the requests per rate-limit bucket.
   *
   * @param type {@code counter} or {@code gauge}
   */
  public void labelled(
      String name, String help, String type, String label, Supplier<Map<String, Long>> values) {
    families.put(name, new Family(help, type));
    labelled.put(name, new Labelled(label, values));
  }

  private record Labelled(String label, Supplier<Map<String, Long>> values) {}

  /** Adds to a counter, optionally with one label, as {@code name{label="value"}}. */
  public void add(String name, long n, String... label) {
    if (!families.containsKey(name)) {
      throw new IllegalArgumentException("undeclared metric " + name);
    }
    values.computeIfAbsent(series(name, label), k -> new AtomicLong()).addAndGet(n);
  }

  public void inc(String name, String... label) {
    add(name, 1, label);
  }

  /** The current value of one series, for tests and health output. */
  public long value(String name, String... label) {
    LongSupplier g = gauges.get(name);
    if (g != null) {
      return g.getAsLong();
    }
    AtomicLong v = values.get(series(name, label));
    return v == null ? 0 : v.get();
  }

  private static String series(String name, String... label) {
    if (label.length == 0) {
      return name;
    }
    if (label.length != 2) {
      throw new IllegalArgumentException("a label is a name and a value");
    }
    return name
        + "{"
        + label[0]
        + "=\""
        + label[1].replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"}";
  }

  /** The text a Prometheus scrape receives. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Family> f : new TreeMap<>(families).entrySet()) {
      String name = f.getKey();
      sb.append("# HELP ").append(name).append(' ').append(f.getValue().help()).append('\n');
      sb.append("# TYPE ").append(name).append(' ').append(f.getValue().type()).append('\n');
      LongSupplier g = gauges.get(name);
      if (g != null) {
        sb.append(name).append(' ').append(g.getAsLong()).append('\n');
        continue;
      }
      Labelled l = labelled.get(name);
      if (l != null) {
        new TreeMap<>(l.values().get())
            .forEach(
                (k, v) -> sb.append(series(name, l.label(), k)).append(' ').append(v).append('\n'));
        continue;
      }
      boolean any = false;
      for (Map.Entry<String, AtomicLong> v : new TreeMap<>(values).entrySet()) {
        if (v.getKey().equals(name) || v.getKey().startsWith(name + "{")) {
          sb.append(v.getKey()).append(' ').append(v.getValue().get()).append('\n');
          any = true;
        }
      }
      if (!any) {
        sb.append(name).append(" 0\n");
      }
    }
    return sb.toString();
  }
}
