package dev.lpnode.node.api;

import dev.lpnode.eth.Staking;
import dev.lpnode.ledger.api.BlockingEndpoint;
import dev.lpnode.ledger.api.LedgerJson;
import dev.lpnode.ledger.api.LedgerOperatorApi;
import dev.lpnode.ledger.api.RequestFields;
import dev.lpnode.payments.chain.ChainUnavailableException;
import dev.lpnode.payments.crypto.EthAddress;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The operator API's staking commands on a chain network, sent as transactions from the node's
 * own account ({@link Staking}); the same paths and fields as the embedded network's {@link
 * LedgerOperatorApi}:
 *
 * <pre>
 * GET  /ledgerStatus[?account=]  /senderInfo[?sender=]
 * POST /bond {amount, toAddr}  /unbond {amount}  /rebond {unbondingLockId[, toAddr]}
 *      /withdrawStake {unbondingLockId}  /withdrawFees {amount[, recipient]}  /claimEarnings
 *      /transcoder {rewardCut, feeShare}
 *      /activateOrchestrator {amount, rewardCut, feeShare[, serviceURI]}
 *      /fundDepositAndReserve {deposit, reserve}  /unlock  /withdraw     (the gateway's TicketBroker funds)
 * </pre>
 *
 * An answer lists the call's mined transactions ({@code transactions: [{function, txHash, block,
 * gasUsed}]}). A revert is a 400 {@code {"error": "<the contract's revert reason>", "function",
 * "mined", "transactions"}} (those before it); a chain the node cannot use right now is a 503.
 * Only the node's account acts: a signed request (another account's) is refused, and so are the
 * embedded network's other state changes. The chain calls run on worker threads. The router must
 * have a {@code BodyHandler} before these routes.
 */
public final class ChainOperatorApi {
  /** Livepeer's 100 %, in parts per million. */
  private static final long PPM_MAX = 1_000_000;
  private static final Set<String> SERVED = Set.of("/bond", "/unbond", "/rebond", "/withdrawStake", "/withdrawFees", "/claimEarnings",
      "/transcoder", "/fundDepositAndReserve", "/unlock", "/withdraw");
  /** The embedded network's round duties, which a node on a chain does by itself when started with the flag. */
  private static final Map<String, String> ROUND_DUTIES = Map.of("/reward", "reward", "/initializeRound", "initializeRound");

  private final Vertx vertx;
  private final Staking staking;
  private final String serviceUri;
  private final EthAddress self;

  /** @param serviceUri what {@code /activateOrchestrator} publishes when the request names none: the node's -serviceAddr */
  public ChainOperatorApi(Vertx vertx, Staking staking, String serviceUri) {
    this.vertx = vertx;
    this.staking = staking;
    this.serviceUri = serviceUri;
    this.self = staking.account();
  }

  public void mount(Router router) {
    router.get("/ledgerStatus").handler(ctx -> handle(ctx, f -> {
      EthAddress account = f.optionalAddress("account").orElse(self);
      return () -> status(staking.status(account));
    }));
    router.get("/senderInfo").handler(ctx -> handle(ctx, f -> {
      EthAddress sender = f.optionalAddress("sender").orElse(self);
      return () -> LedgerJson.senderInfo(sender, staking.senderInfo(sender));
    }));
    post(router, "/bond", f -> {
      BigInteger amount = f.wei("amount");
      EthAddress to = f.address("toAddr");
      return () -> sent(staking.bond(amount, to));
    });
    post(router, "/unbond", f -> {
      BigInteger amount = f.wei("amount");
      return () -> {
        Staking.Unbonded unbonded = staking.unbond(amount);
        return sent(unbonded.sent()).put("unbondingLockId", unbonded.unbondingLockId()).put("withdrawRound", unbonded.withdrawRound());
      };
    });
    post(router, "/rebond", f -> {
      long lock = f.id("unbondingLockId");
      var to = f.optionalAddress("toAddr");
      return () -> sent(staking.rebond(lock, to));
    });
    post(router, "/withdrawStake", f -> {
      long lock = f.id("unbondingLockId");
      return () -> sent(staking.withdrawStake(lock));
    });
    post(router, "/withdrawFees", f -> {
      BigInteger amount = f.wei("amount");
      EthAddress recipient = f.optionalAddress("recipient").orElse(self);
      return () -> sent(staking.withdrawFees(recipient, amount));
    });
    post(router, "/claimEarnings", f -> () -> {
      long endRound = staking.currentRound();
      return sent(staking.claimEarnings(endRound)).put("endRound", endRound);
    });
    post(router, "/transcoder", f -> {
      long rewardCut = ppm(f, "rewardCut");
      long feeShare = ppm(f, "feeShare");
      return () -> sent(staking.transcoder(rewardCut, feeShare));
    });
    post(router, "/activateOrchestrator", f -> {
      BigInteger amount = f.wei("amount");
      long rewardCut = ppm(f, "rewardCut");
      long feeShare = ppm(f, "feeShare");
      String uri = f.text("serviceURI").orElse(serviceUri);
      return () -> sent(staking.activateOrchestrator(amount, rewardCut, feeShare, uri)).put("serviceURI", uri);
    });
    post(router, "/fundDepositAndReserve", f -> {
      if (f.optionalAddress("sender").filter(sender -> !sender.equals(self)).isPresent()) {
        throw new IllegalArgumentException("on a chain network the node funds only its own account " + self
            + ": leave out -sender");
      }
      BigInteger deposit = f.wei("deposit", "depositAmount");
      BigInteger reserve = f.wei("reserve", "reserveAmount");
      return () -> funds(staking.fundDepositAndReserve(deposit, reserve));
    });
    post(router, "/unlock", f -> () -> funds(staking.unlock()));
    post(router, "/withdraw", f -> () -> funds(staking.withdraw()));
    for (String path : LedgerOperatorApi.SIGNED_PATHS) {
      if (!SERVED.contains(path)) {
        String why = ROUND_DUTIES.containsKey(path) ? "on a chain network the node calls " + path.substring(1) + " itself: start it with -"
            + ROUND_DUTIES.get(path) : path.substring(1) + " is only on the embedded network, not on a chain network";
        router.post(path).handler(ctx -> error(ctx, 400, why));
      }
    }
  }

  private static long ppm(RequestFields f, String name) {
    long value = f.id(name);
    if (value > PPM_MAX) {
      throw new IllegalArgumentException("invalid " + name + ": at most " + PPM_MAX + " ppm (100 %), got " + value);
    }
    return value;
  }

  /** A call of the node's own account, whose answer lists its transactions. */
  private interface Endpoint extends Function<RequestFields, Callable<JsonObject>> {}

  /** A state change for the node's account; a request signed by any account (which the guard lets in without the token) is refused. */
  private void post(Router router, String path, Endpoint endpoint) {
    router.post(path).handler(ctx -> {
      if (LedgerOperatorApi.isSigned(ctx.request()::getHeader)) {
        error(ctx, 403, "on a chain network the node acts only for its own account " + self
            + ": send the command unsigned (without -ethKeystorePath)");
        return;
      }
      handle(ctx, endpoint);
    });
  }

  private void handle(RoutingContext ctx, Endpoint endpoint) {
    BlockingEndpoint.run(vertx, ctx, () -> endpoint.apply(RequestFields.of(ctx, self)), ChainOperatorApi::refusal);
  }

  /** A revert (with the transactions of the call that went through), a bad argument, or the chain out of reach. */
  private static Optional<BlockingEndpoint.Answer> refusal(Throwable failure) {
    if (failure instanceof Staking.Refused refused) {
      return Optional.of(new BlockingEndpoint.Answer(400, new JsonObject().put("error", refused.getMessage())
          .put("function", refused.function()).put("mined", refused.mined()).put("transactions", transactions(refused.sent()))));
    }
    if (failure instanceof IllegalArgumentException || failure instanceof Staking.RoundLockedException) {
      return Optional.of(BlockingEndpoint.Answer.error(400, failure.getMessage()));
    }
    if (failure instanceof ChainUnavailableException) {
      return Optional.of(BlockingEndpoint.Answer.error(503, failure.getMessage()));
    }
    return Optional.empty();
  }

  /** The transactions, then the account's deposit and reserve as they are now. */
  private JsonObject funds(List<Staking.Sent> sent) {
    return sent(sent).put("senderInfo", LedgerJson.senderInfo(self, staking.senderInfo(self)));
  }

  private JsonObject sent(List<Staking.Sent> sent) {
    return new JsonObject().put("account", self.toHex()).put("transactions", transactions(sent));
  }

  private static JsonArray transactions(List<Staking.Sent> sent) {
    JsonArray array = new JsonArray();
    for (Staking.Sent tx : sent) {
      array.add(new JsonObject().put("function", tx.function()).put("txHash", tx.txHash()).put("block", tx.block())
          .put("gasUsed", tx.gasUsed().toString()));
    }
    return array;
  }

  private JsonObject status(Staking.Status s) {
    return new JsonObject()
        .put("account", s.account().toHex())
        .put("nodeAccount", self.toHex())
        .put("round", new JsonObject().put("round", s.round()))
        .put("lptBalance", s.lptBalance().toString())
        .put("ethBalance", s.ethBalance().toString())
        .put("delegator", new JsonObject()
            .put("delegate", s.delegate().toHex())
            .put("bondedAmount", s.bondedAmount().toString())
            .put("pendingStake", s.pendingStake().toString())
            .put("pendingFees", s.pendingFees().toString())
            .put("startRound", s.startRound())
            .put("lastClaimRound", s.lastClaimRound())
            .put("nextUnbondingLockId", s.nextUnbondingLockId()))
        .put("transcoder", new JsonObject()
            .put("registered", s.registered())
            .put("active", s.active())
            .put("rewardCut", s.rewardCut())
            .put("feeShare", s.feeShare())
            .put("lastRewardRound", s.lastRewardRound())
            .put("serviceURI", s.serviceUri()));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    BlockingEndpoint.reply(ctx, BlockingEndpoint.Answer.error(status, message));
  }
}
