package dev.lpnode.gateway;

/** A host and port to listen on, written as go-livepeer's address flags are: {@code host:port} or {@code :port}. */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (host == null || host.isEmpty()) {
      host = "0.0.0.0";
    }
  }

  /** Parses {@code 127.0.0.1:1935}, {@code :1935} or {@code [::1]:1935}. */
  public static ListenAddress parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address '" + address + "' must be host:port");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new ListenAddress(host, Integer.parseInt(address.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + address + "' has an invalid port");
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
