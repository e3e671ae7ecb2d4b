package dev.lpnode.ledger.api;

import dev.lpnode.payments.crypto.EthAddress;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A request's fields, from a JSON object body or, as go-livepeer's CLI sends them, from form or
 * query parameters. Bad or missing fields throw {@link IllegalArgumentException} with a message for
 * the operator (the API answers 400 with it).
 */
public final class RequestFields {
  private final RoutingContext ctx;
  private final JsonObject json;
  private final EthAddress actor;

  private RequestFields(RoutingContext ctx, JsonObject json, EthAddress actor) {
    this.ctx = ctx;
    this.json = json;
    this.actor = actor;
  }

  /** The fields of {@code ctx}, a request that acts for {@code actor}. */
  public static RequestFields of(RoutingContext ctx, EthAddress actor) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || !body.stripLeading().startsWith("{")) {
      return new RequestFields(ctx, null, actor);
    }
    try {
      return new RequestFields(ctx, new JsonObject(body), actor);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("invalid JSON body: " + e.getMessage());
    }
  }

  /** The account the request acts for: its signer, or the node's own account. */
  public EthAddress actor() {
    return actor;
  }

  public Optional<Object> raw(String name) {
    if (json != null && json.containsKey(name)) {
      return Optional.ofNullable(json.getValue(name));
    }
    return Optional.ofNullable(ctx.request().getParam(name));
  }

  public Optional<String> text(String name) {
    return raw(name).map(v -> v.toString().strip()).filter(s -> !s.isEmpty());
  }

  public String required(String name) {
    return text(name).orElseThrow(() -> new IllegalArgumentException("missing " + name));
  }

  public EthAddress address(String name) {
    return parseAddress(name, required(name));
  }

  public Optional<EthAddress> optionalAddress(String name) {
    return text(name).map(value -> parseAddress(name, value));
  }

  private static EthAddress parseAddress(String name, String value) {
    try {
      return EthAddress.fromHex(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + name + ": expected a 0x-prefixed 20-byte address, got " + value);
    }
  }

  /**
   * An amount in wei, a whole number (also in exponent form, {@code 1000e18}), from the first of
   * {@code names} present (later names are go-livepeer's spellings).
   */
  public BigInteger wei(String... names) {
    for (String name : names) {
      Optional<String> value = text(name);
      if (value.isPresent()) {
        return parseWei(name, value.get());
      }
    }
    throw new IllegalArgumentException("missing " + names[0]);
  }

  private static BigInteger parseWei(String name, String value) {
    try {
      BigInteger wei = new BigDecimal(value).toBigIntegerExact();
      if (wei.signum() >= 0) {
        return wei;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid " + name + ": expected a whole, non-negative amount of wei, got " + value);
  }

  public long id(String name) {
    String value = required(name);
    try {
      long id = Long.parseLong(value);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid " + name + ": expected a non-negative whole number, got " + value);
  }
}
