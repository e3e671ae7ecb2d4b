package dev.lpnode.orchestrator.api;

import dev.lpnode.orchestrator.OrchestratorNode;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.recipient.PaymentException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;

/**
 * The orchestrator's part of the operator API on the private CLI port, with go-livepeer's
 * endpoints, form fields and answers: {@code /status}, {@code /orchestratorInfo},
 * {@code POST /setMaxSessions} ({@code maxSessions=N}), {@code POST /setPriceForBroadcaster}
 * ({@code pricePerUnit}, {@code pixelsPerUnit}, {@code broadcasterEthAddr}), with go-livepeer's
 * error texts as 400s. The router must parse form bodies (a {@code BodyHandler}) before these
 * routes, and guard the port (the node's {@code OperatorApiGuard}).
 */
public final class OrchestratorOperatorApi {
  private final OrchestratorNode node;
  private final String serviceUri;
  private final EthAddress address;

  public OrchestratorOperatorApi(OrchestratorNode node, String serviceUri, EthAddress address) {
    this.node = node;
    this.serviceUri = serviceUri;
    this.address = address;
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
    return new JsonObject()
        .put("Version", OrchestratorNode.PROTOCOL_VERSION)
        .put("OrchestratorAddress", address.toChecksumHex())
        .put("ServiceURI", serviceUri)
        .put("LocalTranscoding", true)
        .put("CurrentSessions", node.sessions().activeSessions())
        .put("MaxSessions", node.sessions().maxSessions());
  }

  private void setMaxSessions(RoutingContext ctx) {
    if (missingParam(ctx, "maxSessions")) {
      return;
    }
    String value = ctx.request().getParam("maxSessions").trim();
    int max;
    try {
      max = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      text(ctx, 400, "Max Sessions must be a positive number, provided " + value);
      return;
    }
    if (max <= 0) {
      text(ctx, 400, "Max Sessions must be 'auto' or greater than zero");
      return;
    }
    node.sessions().setMaxSessions(max);
    text(ctx, 200, "Max sessions set to " + max + "\n");
  }

  private void setPriceForBroadcaster(RoutingContext ctx) {
    if (missingParam(ctx, "pricePerUnit", "pixelsPerUnit", "broadcasterEthAddr")) {
      return;
    }
    String price = ctx.request().getParam("pricePerUnit").trim();
    String pixels = ctx.request().getParam("pixelsPerUnit").trim();
    String gateway = ctx.request().getParam("broadcasterEthAddr").trim();
    EthAddress gatewayAddress;
    BigInteger pricePerUnit;
    long pixelsPerUnit;
    try {
      gatewayAddress = EthAddress.fromHex(gateway);
    } catch (IllegalArgumentException e) {
      text(ctx, 400, "broadcasterEthAddr is not a valid eth address, provided " + gateway);
      return;
    }
    try {
      pricePerUnit = new BigInteger(price);
    } catch (NumberFormatException e) {
      text(ctx, 400, "error parsing pricePerUnit value: " + price);
      return;
    }
    if (pricePerUnit.signum() < 0) {
      text(ctx, 400, "price unit must be greater than or equal to 0, provided " + price);
      return;
    }
    try {
      pixelsPerUnit = Long.parseLong(pixels);
    } catch (NumberFormatException e) {
      text(ctx, 400, "error parsing pixelsPerUnit value: " + pixels);
      return;
    }
    if (pixelsPerUnit <= 0) {
      text(ctx, 400, "pixels per unit must be greater than 0, provided " + pixels);
      return;
    }
    try {
      node.payments().setGatewayPrice(gatewayAddress, pricePerUnit, pixelsPerUnit);
    } catch (PaymentException e) {
      text(ctx, 400, e.getMessage());
      return;
    }
    text(ctx, 200, "Price per pixel set to " + price + " wei for " + pixels + " pixels for broadcaster " + gateway + "\n");
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
