package dev.lpnode.ledger.api;

import static dev.lpnode.ledger.api.LedgerJson.array;

import dev.lpnode.ledger.LedgerException;
import dev.lpnode.ledger.NetworkParameter;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.SlashResult;
import dev.lpnode.ledger.StakeTiers;
import dev.lpnode.ledger.VoteType;
import dev.lpnode.ledger.embedded.EmbeddedLedger;
import dev.lpnode.ledger.embedded.EmbeddedNetwork;
import dev.lpnode.ledger.evidence.RenditionEvidence;
import dev.lpnode.payments.chain.TicketRevertedException;
import dev.lpnode.payments.crypto.EthAddress;
import dev.lpnode.config.log.ThrottledLog;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's part of the operator API on the private CLI port. The node's own account acts: it
 * bonds, rewards, proposes and votes, and funds gateways on the embedded network. Endpoints and
 * field names are go-livepeer's where it has them:
 *
 * <pre>
 * GET  /currentRound /protocolParameters /registeredOrchestrators /senderInfo[?sender=]
 * POST /bond {amount, toAddr}  /unbond {amount}  /rebond {unbondingLockId[, toAddr]}
 *      /withdrawStake {unbondingLockId}  /withdrawFees {amount[, recipient]}
 *      /reward  /claimEarnings  /initializeRound
 *      /fundDepositAndReserve {[sender,] deposit, reserve}   (also depositAmount, reserveAmount)
 *      /unlock  /withdraw   (the acting account's own deposit and reserve)
 * </pre>
 *
 * and ours: {@code GET /ledgerStatus[?account=]}, {@code /proposals}, {@code /routingWeights};
 * {@code POST /propose {changes: {name: value, …}, description}}, {@code /vote {proposalId,
 * support: for|against|abstain}}, {@code /execute {proposalId}}.
 *
 * <p>Fields come as a JSON object body or as form/query parameters; amounts are wei. Answers are
 * JSON; a refused operation is a 400 with {@code {"error": "<revert reason>"}}. Every ledger call
 * runs on a worker thread ({@code executeBlocking}), never on the event loop. The router must have
 * a {@code BodyHandler} before these routes.
 */
public final class LedgerOperatorApi {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerOperatorApi.class);
  /** Signed requests remembered at once (each for {@link SignedRequest#MAX_SKEW} after its timestamp). */
  private static final int MAX_FRESH_SIGNED_REQUESTS = 100_000;

  /** The state changes a signed request may make, for its signer; the operator API's guard lets them through without its token. */
  public static final Set<String> SIGNED_PATHS = Set.of("/bond", "/unbond", "/rebond", "/withdrawStake", "/withdrawFees",
      "/claimEarnings", "/reward", "/initializeRound", "/fundDepositAndReserve", "/unlock", "/withdraw", "/transcoder", "/transferBond", "/faucet", "/propose",
      "/vote", "/execute", "/slash");
  /** Room for the largest evidence file and its JSON envelope. */
  public static final int MAX_SLASH_BODY = RenditionEvidence.MAX_JSON_CHARS + 64 * 1024;

  private final Vertx vertx;
  private final EmbeddedNetwork network;
  private final EmbeddedLedger ledger;
  private final EthAddress self;
  private final InstantSource clock = InstantSource.system();
  private final SeenNonces seenNonces = new SeenNonces(MAX_FRESH_SIGNED_REQUESTS);
  private final ThrottledLog refusals = ThrottledLog.warn(LOG);

  public LedgerOperatorApi(Vertx vertx, EmbeddedNetwork network) {
    this.vertx = vertx;
    this.network = network;
    this.ledger = network.ledger();
    this.self = network.account();
  }

  public void mount(Router router) {
    get(router, "/currentRound", f -> () -> LedgerJson.round(ledger.round()));
    get(router, "/protocolParameters", f -> () -> new JsonObject()
        .put("parameters", LedgerJson.parameters(ledger.parameters()))
        .put("pendingChanges", LedgerJson.changes(ledger.pendingParameterChanges()))
        .put("issuance", LedgerJson.issuance(ledger.issuance()))
        .put("transcoderPoolSize", ledger.transcoderPoolSize()));
    get(router, "/registeredOrchestrators", f -> () -> new JsonObject()
        .put("orchestrators", array(ledger.transcoderPool(), LedgerJson::transcoder)));
    get(router, "/senderInfo", f -> {
      EthAddress sender = f.optionalAddress("sender").orElse(self);
      return () -> LedgerJson.senderInfo(sender, network.chain().broker().senderInfo(sender));
    });
    get(router, "/ledgerStatus", f -> {
      EthAddress account = f.optionalAddress("account").orElse(self);
      return () -> status(account);
    });
    get(router, "/proposals", f -> () -> new JsonObject().put("proposals", array(ledger.proposals(), LedgerJson::proposal)));
    get(router, "/routingWeights", f -> () -> new JsonObject().put("weights", array(ledger.routingWeights(), LedgerJson::routingWeight)));

    post(router, "/bond", f -> {
      BigInteger amount = f.wei("amount");
      EthAddress to = f.address("toAddr");
      return () -> {
        ledger.bond(f.actor(), amount, to);
        return delegator(f.actor());
      };
    });
    post(router, "/unbond", f -> {
      BigInteger amount = f.wei("amount");
      return () -> {
        long lock = ledger.unbond(f.actor(), amount);
        return delegator(f.actor()).put("unbondingLockId", lock);
      };
    });
    post(router, "/rebond", f -> {
      long lock = f.id("unbondingLockId");
      var to = f.optionalAddress("toAddr");
      return () -> {
        if (to.isPresent()) {
          ledger.rebondFromUnbonded(f.actor(), to.get(), lock);
        } else {
          ledger.rebond(f.actor(), lock);
        }
        return delegator(f.actor());
      };
    });
    post(router, "/withdrawStake", f -> {
      long lock = f.id("unbondingLockId");
      return () -> {
        BigInteger amount = ledger.withdrawStake(f.actor(), lock);
        return delegator(f.actor()).put("withdrawn", amount.toString());
      };
    });
    post(router, "/withdrawFees", f -> {
      BigInteger amount = f.wei("amount");
      EthAddress recipient = f.optionalAddress("recipient").orElse(f.actor());
      return () -> {
        ledger.withdrawFees(f.actor(), recipient, amount);
        return delegator(f.actor());
      };
    });
    post(router, "/claimEarnings", f -> () -> {
      ledger.claimEarnings(f.actor());
      return delegator(f.actor());
    });
    post(router, "/reward", f -> () -> LedgerJson.reward(ledger.round().round(), ledger.reward(f.actor())));
    post(router, "/initializeRound", f -> () -> {
      boolean initialized = ledger.initializeRoundIfNeeded();
      return LedgerJson.round(ledger.round()).put("initializedNow", initialized);
    });
    post(router, "/fundDepositAndReserve", f -> {
      EthAddress sender = f.optionalAddress("sender").orElse(f.actor());
      BigInteger deposit = f.wei("deposit", "depositAmount");
      BigInteger reserve = f.wei("reserve", "reserveAmount");
      return () -> LedgerJson.senderInfo(sender, network.fundDepositAndReserve(sender, deposit, reserve));
    });
    post(router, "/unlock", f -> () -> {
      network.ticketBroker().unlock(f.actor());
      return LedgerJson.senderInfo(f.actor(), network.ticketBroker().senderInfo(f.actor()));
    });
    post(router, "/withdraw", f -> () -> {
      BigInteger withdrawn = network.ticketBroker().withdraw(f.actor());
      return LedgerJson.senderInfo(f.actor(), network.ticketBroker().senderInfo(f.actor())).put("withdrawn", withdrawn.toString());
    });
    post(router, "/transcoder", f -> {
      long rewardCut = f.id("rewardCut");
      long feeShare = f.id("feeShare");
      return () -> {
        ledger.registerTranscoder(f.actor(), rewardCut, feeShare);
        return new JsonObject().put("transcoder", LedgerJson.transcoder(ledger.transcoder(f.actor())));
      };
    });
    post(router, "/transferBond", f -> {
      EthAddress to = f.address("toAddr");
      BigInteger amount = f.wei("amount");
      return () -> {
        ledger.transferBond(f.actor(), to, amount);
        return delegator(f.actor()).put("receiver", LedgerJson.delegator(ledger.delegator(to)));
      };
    });
    post(router, "/faucet", f -> () -> {
      BigInteger amount = ledger.faucetRequest(f.actor());
      return new JsonObject().put("account", LedgerJson.address(f.actor())).put("received", amount.toString())
          .put("lptBalance", ledger.lptBalance(f.actor()).toString());
    });
    post(router, "/propose", f -> {
      List<ParameterChange> changes = changes(f);
      String description = f.text("description").orElse("");
      return () -> LedgerJson.proposal(ledger.proposal(ledger.propose(f.actor(), changes, description)));
    });
    post(router, "/vote", f -> {
      long id = f.id("proposalId");
      VoteType support = support(f.required("support"));
      return () -> new JsonObject().put("proposalId", id).put("support", LedgerJson.name(support))
          .put("weight", ledger.castVote(f.actor(), id, support).toString());
    });
    // A chain network's one-step registration; here bond and transcoder are two commands.
    router.post("/activateOrchestrator").handler(ctx -> error(ctx, 400,
        "activateOrchestrator is for a chain network: on the embedded network, bond to the node's account, then transcoder"));
    post(router, "/execute", f -> {
      long id = f.id("proposalId");
      return () -> {
        ledger.execute(id);
        return LedgerJson.proposal(ledger.proposal(id));
      };
    });
    post(router, "/slash", this::slash);
  }

  /** Parsed and verified on the worker: decoding base64 and video is slow. */
  private Callable<JsonObject> slash(RequestFields f) {
    Object raw = f.raw("evidence").orElseThrow(() -> new IllegalArgumentException("missing evidence"));
    return () -> {
      RenditionEvidence evidence = RenditionEvidence.parse(raw instanceof JsonObject object ? object.encode() : raw.toString());
      SlashResult result = ledger.slash(f.actor(), evidence);
      return new JsonObject().put("evidenceId", evidence.id()).put("offender", LedgerJson.address(result.offender()))
          .put("finder", LedgerJson.address(f.actor())).put("penalty", result.penalty().toString())
          .put("finderFee", result.finderFee().toString()).put("burned", result.burned().toString())
          .put("offenderBond", ledger.delegator(evidence.offender()).bondedAmount().toString());
    };
  }

  private JsonObject delegator(EthAddress account) {
    return new JsonObject().put("delegator", LedgerJson.delegator(ledger.delegator(account)));
  }

  private JsonObject status(EthAddress account) {
    return new JsonObject()
        .put("account", LedgerJson.address(account))
        .put("nodeAccount", LedgerJson.address(self))
        .put("round", LedgerJson.round(ledger.round()))
        .put("lptBalance", ledger.lptBalance(account).toString())
        .put("ethBalance", ledger.ethBalance(account).toString())
        .put("delegator", LedgerJson.delegator(ledger.delegator(account)))
        .put("transcoder", LedgerJson.transcoder(ledger.transcoder(account)))
        .put("stakeTier", stakeTier(account))
        .put("issuance", LedgerJson.issuance(ledger.issuance()));
  }

  /** The account's stake tier and what it unlocks ({@link StakeTiers}). */
  private JsonObject stakeTier(EthAddress account) {
    NetworkParameters params = ledger.parameters();
    BigInteger stake = StakeTiers.stake(ledger.delegator(account));
    int tier = StakeTiers.tier(stake, params);
    return new JsonObject().put("tier", tier).put("stake", stake.toString())
        .put("priorityAdmission", StakeTiers.hasPriority(stake, params) && params.priorityReserve() > 0)
        .put("maxRenditions", StakeTiers.maxRenditions(tier, params));
  }

  /** {@code changes}: a JSON object of parameter names to values, or {@code name=value,name=value}. */
  private static List<ParameterChange> changes(RequestFields f) {
    Object raw = f.raw("changes").orElseThrow(() -> new IllegalArgumentException("missing changes"));
    List<ParameterChange> changes = new ArrayList<>();
    if (raw instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        changes.add(change(e.getKey(), String.valueOf(e.getValue())));
      }
    } else {
      for (String pair : raw.toString().split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("invalid changes: expected name=value pairs, got " + pair);
        }
        changes.add(change(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip()));
      }
    }
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("missing changes");
    }
    return changes;
  }

  private static ParameterChange change(String name, String value) {
    try {
      return new ParameterChange(NetworkParameter.byKey(name), new BigInteger(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value for " + name + ": expected a whole number, got " + value);
    }
  }

  private static VoteType support(String text) {
    try {
      return VoteType.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid support: expected for, against or abstain, got " + text);
    }
  }

  /** An endpoint: parses its fields on the event loop, then does the returned ledger work on a worker thread. */
  private interface Endpoint extends Function<RequestFields, Callable<JsonObject>> {}

  private void get(Router router, String path, Endpoint endpoint) {
    router.get(path).handler(ctx -> handle(ctx, self, endpoint));
  }

  /** A state change, for the node's account or, when the request is signed, for its signer ({@link SignedRequest}). */
  private void post(Router router, String path, Endpoint endpoint) {
    if (!SIGNED_PATHS.contains(path)) {
      throw new IllegalStateException(path + " is not in SIGNED_PATHS");
    }
    router.post(path).handler(ctx -> {
      EthAddress actor;
      try {
        actor = isSigned(ctx.request()::getHeader) ? verify(ctx) : self;
      } catch (SignedRequest.Refused e) {
        refusals.log(e.cause, "{} {} from {}: {}", ctx.request().method(), ctx.request().path(),
            ctx.request().remoteAddress(), e.getMessage());
        error(ctx, e.status, e.getMessage());
        return;
      }
      handle(ctx, actor, endpoint);
    });
  }

  /** Whether a request claims to be signed: then it must be, and acts for its signer only. */
  public static boolean isSigned(Function<String, String> header) {
    return header.apply(SignedRequest.SIGNATURE) != null || header.apply(SignedRequest.ACCOUNT) != null;
  }

  private EthAddress verify(RoutingContext ctx) throws SignedRequest.Refused {
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    return SignedRequest.verify(ctx.request()::getHeader, self, ctx.request().method().name(), ctx.request().uri(), body,
        clock.millis(), seenNonces);
  }

  private void handle(RoutingContext ctx, EthAddress actor, Endpoint endpoint) {
    BlockingEndpoint.run(vertx, ctx, () -> endpoint.apply(RequestFields.of(ctx, actor)),
        failure -> isRefusal(failure) ? Optional.of(BlockingEndpoint.Answer.error(400, failure.getMessage())) : Optional.empty());
  }

  /** A revert or a bad argument: the operator's request, not the node, is at fault. */
  private static boolean isRefusal(Throwable t) {
    return t instanceof LedgerException || t instanceof TicketRevertedException || t instanceof IllegalArgumentException;
  }

  private static void error(RoutingContext ctx, int status, String message) {
    BlockingEndpoint.reply(ctx, BlockingEndpoint.Answer.error(status, message));
  }
}
