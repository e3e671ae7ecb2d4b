package dev.lpnode.node.api;

import dev.lpnode.config.ConfigException;
import dev.lpnode.config.Flags;
import dev.lpnode.config.HostPort;
import dev.lpnode.config.NodeConfig;
import dev.lpnode.config.log.ThrottledLog;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.node.keys.SecretFile;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate in front of the whole operator API (the orchestrator's and the ledger's routes,
 * {@code /metrics}): it decides, before any body is read, whether a request may reach them.
 *
 * <ul>
 *   <li>Reads (GET, HEAD) are open, as go-livepeer's are; routes never change state on a read.
 *   <li>On a loopback {@code -cliAddr}, every request must name a loopback host ({@code Host:
 *       127.0.0.1}, {@code [::1]}, {@code localhost}): a web page that reaches the port through its
 *       own domain name (DNS rebinding) is refused, reads included.
 *   <li>A state change with the right token ({@code Authorization: Bearer <token>}) passes; a wrong
 *       token never does.
 *   <li>Without a token, a state change passes only on a loopback {@code -cliAddr}, when
 *       {@code -cliAuthToken} is not set, and when it does not come from a web page: browsers mark
 *       every request a page makes ({@code Origin} on POSTs, {@code Sec-Fetch-Site}), scripts and
 *       go-livepeer's {@code livepeer_cli} do not.
 *   <li>A request an account signed with its own key, to a ledger route that acts for its signer
 *       ({@link LedgerOperatorApi#SIGNED_PATHS}), passes without the token: the ledger API checks the
 *       signature and acts for that account only (never for the node's).
 * </ul>
 *
 * The token is {@code -cliAuthToken}, or the one the node keeps in {@code <dataDir>/cliAuthToken}
 * (0600), which {@code ./lpnode cli} reads. Refusals are logged through a {@link ThrottledLog}.
 */
public final class OperatorApiGuard implements Handler<RoutingContext> {
  public static final String TOKEN_FILE = "cliAuthToken";
  private static final Logger LOG = LoggerFactory.getLogger(OperatorApiGuard.class);

  private final boolean loopbackOnly;
  private final boolean tokenRequired;
  private final byte[] token;
  private final ThrottledLog refusals = ThrottledLog.warn(LOG);

  /** Why a request is refused: its status, a constant cause (for the log) and the message it gets. */
  record Refusal(int status, String cause, String message) {}

  /**
   * @param loopbackOnly  the API listens on a loopback address only
   * @param tokenRequired state changes need the token even without a browser's marks
   */
  public OperatorApiGuard(boolean loopbackOnly, boolean tokenRequired, String token) {
    this.loopbackOnly = loopbackOnly;
    this.tokenRequired = tokenRequired;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The node's guard: the token from {@code -cliAuthToken} (which then is required everywhere) or
   * from the data directory's token file (made now if needed); a loud warning when {@code -cliAddr}
   * is reachable from other machines, where the token is required.
   */
  public static OperatorApiGuard forNode(NodeConfig config) {
    HostPort addr = config.cliAddr();
    boolean loopback = isLoopbackAddress(addr.host());
    String flag = config.get(Flags.CLI_AUTH_TOKEN);
    if (flag != null && flag.isEmpty()) {
      throw new ConfigException("-cliAuthToken is empty: give a token (or a file holding it), or leave it unset");
    }
    String where = "-cliAuthToken";
    String token = flag;
    if (token == null) {
      SecretFile file = SecretFile.readOrCreate(config.dataDir().resolve(TOKEN_FILE));
      token = file.value();
      where = file.file() + (file.created() ? " (created now, readable by this user only)" : "");
    }
    boolean required = !loopback || flag != null;
    LOG.info("Operator API token: {}; {}", where, required ? "every state change needs it"
        : "state changes from web pages need it (local tools that send no Origin, such as livepeer_cli, do not)");
    if (!loopback) {
      LOG.warn("*** The operator API on {} is reachable from other machines: anyone who can reach the port can read"
          + " the node's status, metrics and ledger; state changes need the operator API token ({}). Keep -cliAddr on"
          + " 127.0.0.1, or firewall the port. ***", addr, where);
    }
    return new OperatorApiGuard(loopback, required, token);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String host = request.getHeader(HttpHeaders.HOST);
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    boolean signed = LedgerOperatorApi.SIGNED_PATHS.contains(request.path()) && LedgerOperatorApi.isSigned(request::getHeader);
    Optional<Refusal> refusal = check(request.method(), host, origin, request.getHeader("Sec-Fetch-Site"),
        request.getHeader(HttpHeaders.AUTHORIZATION), signed);
    if (refusal.isEmpty()) {
      ctx.next();
      return;
    }
    Refusal r = refusal.get();
    refusals.log(r.cause(), "{} {} from {} (Host {}, Origin {})", request.method(), request.path(), request.remoteAddress(),
        host, origin);
    if (r.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(r.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", r.message()).encodePrettily());
  }

  Optional<Refusal> check(HttpMethod method, String host, String origin, String fetchSite, String authorization) {
    return check(method, host, origin, fetchSite, authorization, false);
  }

  /**
   * The decision on a request's method and headers (null when absent); empty when it may pass. A
   * {@code signed} request (an account's own, to a ledger route that acts for its signer) needs no
   * token: the ledger API verifies its signature and acts for that account only.
   */
  Optional<Refusal> check(HttpMethod method, String host, String origin, String fetchSite, String authorization, boolean signed) {
    if (loopbackOnly && host != null && !isLoopbackHost(host)) {
      return Optional.of(new Refusal(403, "operator API: request for a foreign host", "refused: Host " + host
          + " is not a loopback name; this operator API answers requests for 127.0.0.1, [::1] or localhost only"
          + " (a web page reaching it through its own domain name, as in DNS rebinding, is refused)"));
    }
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || signed && authorization == null) {
      return Optional.empty();
    }
    if (authorization != null) {
      return hasToken(authorization) ? Optional.empty() : Optional.of(new Refusal(401, "operator API: wrong token",
          "refused: wrong operator API token (Authorization: Bearer <token>; the node keeps it in " + TOKEN_FILE
              + " in its data directory unless -cliAuthToken is set)"));
    }
    if (tokenRequired) {
      return Optional.of(new Refusal(401, "operator API: state change without the token",
          "refused: state changes on this operator API need its token: send Authorization: Bearer <token> (the node"
              + " keeps it in " + TOKEN_FILE + " in its data directory unless -cliAuthToken is set; ./lpnode cli reads it)"));
    }
    if (origin != null || fetchSite != null && !fetchSite.equals("none")) {
      return Optional.of(new Refusal(403, "operator API: state change from a web page",
          "refused: a state change from a web page (Origin " + origin + "); send the operator API token"
              + " (Authorization: Bearer <token>) or use ./lpnode cli"));
    }
    return Optional.empty();
  }

  private boolean hasToken(String authorization) {
    String value = authorization.strip();
    if (value.length() < 7 || !value.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(value.substring(7).strip().getBytes(StandardCharsets.UTF_8), token);
  }

  /** A Host header naming this machine's loopback interface: {@code 127.x.x.x}, {@code [::1]} or {@code localhost}, any port. */
  static boolean isLoopbackHost(String hostHeader) {
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(1, end);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.lastIndexOf(':'));
    }
    return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Whether a listen address is on loopback only (names are resolved: this runs once, at start). */
  static boolean isLoopbackAddress(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
