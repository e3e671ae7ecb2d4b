package dev.lpnode.bench.orchestrator;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A node's JSON-RPC calls to its Ethereum node by caller, from {@code livepeer_eth_rpc_calls_total} in its /metrics. */
record RpcCalls(Map<String, Double> byCaller) {
  private static final Pattern SAMPLE =
      Pattern.compile("(?m)^livepeer_eth_rpc_calls_total\\{caller=\"([^\"]+)\"[^}]*\\} ([0-9.Ee+-]+)$");

  static RpcCalls parse(String scrape) {
    Map<String, Double> calls = new TreeMap<>();
    Matcher m = SAMPLE.matcher(scrape);
    while (m.find()) {
      calls.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
    }
    return new RpcCalls(calls);
  }

  /** Each caller's calls since {@code before}, divided by {@code segments}: {@code caller=x.xx, …}. */
  String perSegment(RpcCalls before, int segments) {
    return byCaller.entrySet().stream().map(e -> String.format(Locale.ROOT, "caller=\"%s\" %.2f", e.getKey(),
        (e.getValue() - before.byCaller.getOrDefault(e.getKey(), 0.0)) / segments)).collect(Collectors.joining(", "));
  }
}
