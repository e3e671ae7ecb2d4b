package dev.lpnode.orchestrator.pay;

import dev.lpnode.config.ConfigException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.payments.ticket.Rational;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code -pricePerGateway}: per-gateway prices in go-livepeer's JSON,
 * {@code {"gateways":[{"ethaddress":"0x…","priceperunit":1000,"pixelsperunit":1}]}} (the older
 * key {@code broadcasters} works too), as exact wei-per-pixel rationals.
 */
public final class GatewayPrices {
  private GatewayPrices() {}

  public static Map<EthAddress, Rational> parse(String json) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException("-pricePerGateway: not a JSON object: " + e.getMessage());
    }
    JsonArray entries = root.getJsonArray("gateways", root.getJsonArray("broadcasters"));
    if (entries == null) {
      throw new ConfigException("-pricePerGateway: expected {\"gateways\":[{\"ethaddress\":…,\"priceperunit\":…,\"pixelsperunit\":…}]}");
    }
    Map<EthAddress, Rational> prices = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.getJsonObject(i);
      String where = "-pricePerGateway entry " + (i + 1) + ": ";
      String currency = entry.getString("currency", "");
      if (!currency.isEmpty() && !currency.equalsIgnoreCase("wei")) {
        throw new ConfigException(where + "currency " + currency + " needs a price feed, which this node does not have; give prices in wei");
      }
      EthAddress gateway;
      try {
        gateway = EthAddress.fromHex(entry.getString("ethaddress", ""));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + "ethaddress must be a 0x address");
      }
      Rational price = decimal(entry.getValue("priceperunit"), where + "priceperunit");
      Rational pixels = decimal(entry.getValue("pixelsperunit"), where + "pixelsperunit");
      if (price.signum() < 0 || pixels.signum() <= 0) {
        throw new ConfigException(where + "priceperunit must not be negative and pixelsperunit must be positive");
      }
      prices.put(gateway, price.divide(pixels));
    }
    return prices;
  }

  private static Rational decimal(Object value, String what) {
    if (value == null) {
      throw new ConfigException(what + " is missing");
    }
    try {
      BigDecimal d = new BigDecimal(value.toString());
      return d.scale() <= 0
          ? Rational.of(d.toBigIntegerExact())
          : Rational.of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(what + " must be a number, got " + value);
    }
  }
}
