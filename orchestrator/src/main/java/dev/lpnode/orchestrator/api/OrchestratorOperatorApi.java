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
 * {@code /setMaxSessions} ({@code maxSessions=N}), {@code /setPriceForBroadcaster}
 * ({@code pricePerUnit}, {@code pixelsPerUnit}, {@code broadcasterEthAddr}). The router must parse
 * form bodies (a {@code BodyHandler}) before these routes.
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
    router.route("/setMaxSessions").handler(this::setMaxSessions);
    router.route("/setPriceForBroadcaster").handler(this::setPriceForBroadcaster);
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
    String value = ctx.request().getParam("maxSessions");
    int max;
    try {
      max = Integer.parseInt(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      text(ctx, 400, "Max Sessions must be a positive number");
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
    String price = ctx.request().getParam("pricePerUnit");
    String pixels = ctx.request().getParam("pixelsPerUnit");
    String gateway = ctx.request().getParam("broadcasterEthAddr");
    BigInteger pricePerUnit;
    long pixelsPerUnit;
    EthAddress gatewayAddress;
    try {
      pricePerUnit = new BigInteger(price == null ? "" : price.trim());
      pixelsPerUnit = Long.parseLong(pixels == null ? "" : pixels.trim());
      gatewayAddress = EthAddress.fromHex(gateway == null ? "" : gateway.trim());
    } catch (IllegalArgumentException e) {
      text(ctx, 400, "need pricePerUnit (wei), pixelsPerUnit and broadcasterEthAddr (0x address)");
      return;
    }
    if (pricePerUnit.signum() < 0 || pixelsPerUnit <= 0) {
      text(ctx, 400, "pricePerUnit must not be negative and pixelsPerUnit must be greater than 0");
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

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encodePrettily());
  }

  static void text(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
  }
}
