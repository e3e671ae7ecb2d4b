package dev.lpnode.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node's effective configuration: one typed value per flag, and where each came from. Immutable. */
public final class NodeConfig {
  private final List<Flag<?>> flags;
  private final Map<Flag<?>, Object> values;
  private final Map<Flag<?>, Source> sources;

  NodeConfig(List<Flag<?>> flags, Map<Flag<?>, Object> values, Map<Flag<?>, Source> sources) {
    this.flags = List.copyOf(flags);
    this.values = new LinkedHashMap<>(values);
    this.sources = new LinkedHashMap<>(sources);
  }

  /** The flag's value, or its default (null for flags without one) when not set. */
  @SuppressWarnings("unchecked")
  public <T> T get(Flag<T> flag) {
    return values.containsKey(flag) ? (T) values.get(flag) : flag.defaultValue();
  }

  public boolean isSet(Flag<?> flag) {
    return values.containsKey(flag);
  }

  public Source source(Flag<?> flag) {
    return sources.getOrDefault(flag, Source.DEFAULT);
  }

  public List<Flag<?>> flags() {
    return flags;
  }

  public boolean offchain() {
    return get(Flags.NETWORK_NAME).equals("offchain");
  }

  /** True on a chain network: neither {@code embedded} nor {@code offchain}. */
  public boolean onChain() {
    return !offchain() && !get(Flags.NETWORK_NAME).equals("embedded");
  }

  public boolean orchestrator() {
    return get(Flags.ORCHESTRATOR);
  }

  public boolean transcoder() {
    return get(Flags.TRANSCODER);
  }

  public boolean gateway() {
    return get(Flags.GATEWAY_ROLE);
  }

  /** {@code -dataDir}, or go-livepeer's default {@code ~/.lpData/<network>}. */
  public Path dataDir() {
    Path dir = get(Flags.DATA_DIR);
    return dir != null ? dir : Path.of(System.getProperty("user.home"), ".lpData", get(Flags.NETWORK_NAME));
  }

  public Path keystorePath() {
    Path path = get(Flags.ETH_KEYSTORE_PATH);
    return path != null ? path : dataDir().resolve("keystore");
  }

  /** The operator API address: 7935 when the node orchestrates, 5935 for a gateway alone (go-livepeer's ports). */
  public HostPort cliAddr() {
    HostPort addr = get(Flags.CLI_ADDR);
    if (addr != null) {
      return addr;
    }
    return new HostPort("127.0.0.1", gateway() && !orchestrator() ? 5935 : 7935);
  }

  /** The orchestrator's public service URI, scheme included. */
  public String serviceUri() {
    String addr = get(Flags.SERVICE_ADDR);
    if (addr == null) {
      addr = "127.0.0.1:8935";
    }
    return addr.contains("://") ? addr : "https://" + addr;
  }

  /** Where the orchestrator listens: -httpAddr for an orchestrator-only node, else every interface on the service port. */
  public HostPort orchestratorListenAddr() {
    HostPort http = get(Flags.HTTP_ADDR);
    if (http != null && !gateway()) {
      return http;
    }
    java.net.URI uri = java.net.URI.create(serviceUri());
    return new HostPort("0.0.0.0", uri.getPort() < 0 ? 8935 : uri.getPort());
  }

  /** The gateway's HTTP ingest and playback address. */
  public HostPort gatewayHttpAddr() {
    HostPort http = get(Flags.HTTP_ADDR);
    return http != null ? http : new HostPort("127.0.0.1", 9935);
  }
}
