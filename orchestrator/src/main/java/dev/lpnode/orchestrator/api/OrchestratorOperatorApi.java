package dev.lpnode.orchestrator.api;

import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.PaymentException;
import dev.lpnode.orchestrator.remote.TranscoderFleet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The orchestrator's part of the operator API on the private CLI port, with go-livepeer's
 * endpoints, form fields and answers: {@code /status}, {@code /orchestratorInfo},
 * {@code POST /setMaxSessions} ({@code maxSessions=N} or {@code auto}), {@code POST /setPriceForBroadcaster}
 * ({@code pricePerUnit}, {@code pixelsPerUnit}, {@code broadcasterEthAddr}), with go-livepeer's
 * error texts as 400s. Ours in {@code /status}: {@code PrioritySessions} and, on a network with stake
 * tiers, the node's signed {@code Badge} ({@link dev.lpnode.orchestrator.badge.SignedBadge}). The router must parse form bodies (a {@code BodyHandler}) before these
 * routes, and guard the port (the node's {@code OperatorApiGuard}).
 */
public final class OrchestratorOperatorApi {
  private final OrchestratorNode node;
  private final String serviceUri;
  private final EthAddress address;
  private final OptionalInt realTimeSessions;

  /** @param realTimeSessions what {@code auto} means: the streams the start-up transcoder test measured, if it ran */
  public OrchestratorOperatorApi(OrchestratorNode node, String serviceUri, EthAddress address,
      OptionalInt realTimeSessions) {
    this.node = node;
    this.serviceUri = serviceUri;
    this.address = address;
    this.realTimeSessions = realTimeSessions;
  }

  public void mount(Router router) {
    router.get("/status").handler(ctx -> json(ctx, status()));
    router.get("/orchestratorInfo").handler(ctx -> json(ctx, new JsonObject()
        .put("Address", address.toChecksumHex())
        .put("ServiceURI", serviceUri)
        .put("PricePerUnit", node.payments().pricePerUnit().toString())
        .put("PixelsPerUnit", node.payments().pixelsPerUnit())));
    // State changes are POSTs only: a link or an image on a web page cannot make them.
    router.post("/setMaxSessions").handler(this::setMaxSessions);
    router.post("/setPriceForBroadcaster").handler(this::setPriceForBroadcaster);
  }

  public JsonObject status() {
    JsonObject status = new JsonObject()
        .put("Version", OrchestratorNode.PROTOCOL_VERSION)
        .put("OrchestratorAddress", address.toChecksumHex())
        .put("ServiceURI", serviceUri)
        .put("LocalTranscoding", node.fleet().map(f -> f.status().stream().anyMatch(m -> !m.remote())).orElse(true))
        .put("CurrentSessions", node.sessions().activeSessions())
        .put("MaxSessions", node.sessions().maxSessions())
        .put("PrioritySessions", node.sessions().reservedSessions());
    node.badge().current().ifPresent(badge -> status.put("Badge", badge.toJson()));
    node.fleet().ifPresent(fleet -> status.put("RemoteTranscoders", new JsonArray(fleet.status().stream()
        .filter(TranscoderFleet.MemberStatus::remote)
        .map(m -> new JsonObject()
            .put("Address", m.name())
            .put("Capacity", m.capacity())
            .put("Load", m.load())
            .put("Segments", m.segments())
            .put("Failures", m.failures())
            .put("LastSeen", m.lastSeen().toString()))
        .toList())));
    return status;
  }

  private void setMaxSessions(RoutingContext ctx) {
    if (missingParam(ctx, "maxSessions")) {
      return;
    }
    String value = ctx.request().getParam("maxSessions").trim();
    try {
      int max = value.equals("auto") ? auto() : parse(value, Integer::parseInt, "Max Sessions must be a positive number, provided ");
      check(max > 0, "Max Sessions must be 'auto' or greater than zero");
      node.sessions().setMaxSessions(max);
      text(ctx, 200, "Max sessions set to " + max + "\n");
    } catch (BadValue e) {
      text(ctx, 400, e.getMessage());
    }
  }

  private int auto() throws BadValue {
    check(realTimeSessions.isPresent(), "Max Sessions 'auto' needs the start-up transcoder test, which did not run"
        + " (-testTranscoder=false)");
    return realTimeSessions.getAsInt();
  }

  private void setPriceForBroadcaster(RoutingContext ctx) {
    if (missingParam(ctx, "pricePerUnit", "pixelsPerUnit", "broadcasterEthAddr")) {
      return;
    }
    String price = ctx.request().getParam("pricePerUnit").trim();
    String pixels = ctx.request().getParam("pixelsPerUnit").trim();
    String gateway = ctx.request().getParam("broadcasterEthAddr").trim();
    try {
      EthAddress gatewayAddress = parse(gateway, EthAddress::fromHex, "broadcasterEthAddr is not a valid eth address, provided ");
      BigInteger pricePerUnit = parse(price, BigInteger::new, "error parsing pricePerUnit value: ");
      check(pricePerUnit.signum() >= 0, "price unit must be greater than or equal to 0, provided " + price);
      long pixelsPerUnit = parse(pixels, Long::parseLong, "error parsing pixelsPerUnit value: ");
      check(pixelsPerUnit > 0, "pixels per unit must be greater than 0, provided " + pixels);
      node.payments().setGatewayPrice(gatewayAddress, pricePerUnit, pixelsPerUnit);
    } catch (BadValue | PaymentException e) {
      text(ctx, 400, e.getMessage());
      return;
    }
    text(ctx, 200, "Price per pixel set to " + price + " wei for " + pixels + " pixels for broadcaster " + gateway + "\n");
  }

  /** A form value that cannot be used; its message is the 400's body. */
  private static final class BadValue extends Exception {
    BadValue(String message) {
      super(message);
    }
  }

  private static <T> T parse(String text, Function<String, T> parser, String error) throws BadValue {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BadValue(error + text);
    }
  }

  private static void check(boolean valid, String error) throws BadValue {
    if (!valid) {
      throw new BadValue(error);
    }
  }

  /** go-livepeer's {@code mustHaveFormParams}: a 400 naming the first form field that is absent or empty. */
  private static boolean missingParam(RoutingContext ctx, String... names) {
    for (String name : names) {
      String value = ctx.request().getParam(name);
      if (value == null || value.isBlank()) {
        text(ctx, 400, "missing form param: " + name);
        return true;
      }
    }
    return false;
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encodePrettily());
  }

  static void text(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }
}
