package dev.lpnode.ledger.api;

import dev.lpnode.ledger.DelegatorInfo;
import dev.lpnode.ledger.IssuanceInfo;
import dev.lpnode.ledger.NetworkParameters;
import dev.lpnode.ledger.ParameterChange;
import dev.lpnode.ledger.ProposalInfo;
import dev.lpnode.ledger.RewardResult;
import dev.lpnode.ledger.RoundInfo;
import dev.lpnode.ledger.RoutingWeight;
import dev.lpnode.ledger.TranscoderInfo;
import dev.lpnode.payments.chain.SenderInfo;
import dev.lpnode.payments.crypto.EthAddress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The operator API's JSON: amounts in wei (LPT or ETH) as decimal strings, since they exceed what
 * JSON numbers hold exactly; rates in ppm; addresses in EIP-55 form; enums in lower case.
 */
public final class LedgerJson {
  private LedgerJson() {}

  static String address(EthAddress a) {
    return a.toChecksumHex();
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <T> JsonArray array(List<T> items, Function<T, JsonObject> view) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(view.apply(i)));
    return out;
  }

  static JsonObject round(RoundInfo r) {
    return new JsonObject()
        .put("round", r.round())
        .put("initialized", r.initialized())
        .put("locked", r.locked())
        .put("lastInitializedRound", r.lastInitializedRound())
        .put("blockNumber", r.blockNumber())
        .put("roundStartBlock", r.roundStartBlock())
        .put("roundLength", r.roundLength());
  }

  static JsonObject delegator(DelegatorInfo d) {
    return new JsonObject()
        .put("address", address(d.address()))
        .put("status", name(d.status()))
        .put("delegate", address(d.delegate()))
        .put("bondedAmount", d.bondedAmount().toString())
        .put("pendingStake", d.pendingStake().toString())
        .put("fees", d.fees().toString())
        .put("pendingFees", d.pendingFees().toString())
        .put("delegatedAmount", d.delegatedAmount().toString())
        .put("startRound", d.startRound())
        .put("lastClaimRound", d.lastClaimRound())
        .put("unbondingLocks", array(d.unbondingLocks(), lock -> new JsonObject()
            .put("id", lock.id())
            .put("amount", lock.amount().toString())
            .put("withdrawRound", lock.withdrawRound())));
  }

  static JsonObject transcoder(TranscoderInfo t) {
    return new JsonObject()
        .put("address", address(t.address()))
        .put("registered", t.registered())
        .put("active", t.active())
        .put("rewardCut", t.rewardCut())
        .put("feeShare", t.feeShare())
        .put("totalStake", t.totalStake().toString())
        .put("lastRewardRound", t.lastRewardRound())
        .put("lastFeeRound", t.lastFeeRound())
        .put("activationRound", t.activationRound())
        .put("deactivationRound", t.deactivationRound());
  }

  static JsonObject issuance(IssuanceInfo i) {
    return new JsonObject()
        .put("round", i.round())
        .put("totalSupply", i.totalSupply().toString())
        .put("totalBonded", i.totalActiveStake().toString())
        .put("inflation", i.inflation().toString())
        .put("mintableTokens", i.mintableTokens().toString())
        .put("mintedTokens", i.mintedTokens().toString())
        .put("treasuryRewardCutRate", i.treasuryRewardCutRate().toString())
        .put("workAlpha", i.workAlpha())
        .put("totalWork", i.totalWork().toString());
  }

  static JsonObject parameters(NetworkParameters p) {
    JsonObject out = new JsonObject();
    p.asMap().forEach((parameter, value) -> out.put(parameter.key(), value.toString()));
    return out;
  }

  static JsonArray changes(List<ParameterChange> changes) {
    return array(changes, c -> new JsonObject().put("parameter", c.parameter().key()).put("value", c.value().toString()));
  }

  static JsonObject reward(long round, RewardResult r) {
    return new JsonObject()
        .put("round", round)
        .put("sharePoints", r.sharePoints().toString())
        .put("minted", r.minted().toString())
        .put("treasury", r.treasury().toString())
        .put("rewards", r.rewards().toString());
  }

  /** go-livepeer's {@code /senderInfo} shape, with the reserve nested. */
  public static JsonObject senderInfo(EthAddress sender, SenderInfo s) {
    return new JsonObject()
        .put("sender", address(sender))
        .put("deposit", s.deposit().toString())
        .put("withdrawRound", s.withdrawRound())
        .put("reserve", new JsonObject()
            .put("fundsRemaining", s.reserveFundsRemaining().toString())
            .put("claimedInCurrentRound", s.reserveClaimedInCurrentRound().toString()));
  }

  static JsonObject proposal(ProposalInfo p) {
    return new JsonObject()
        .put("id", p.id())
        .put("proposer", address(p.proposer()))
        .put("description", p.description())
        .put("changes", changes(p.changes()))
        .put("state", name(p.state()))
        .put("snapshotRound", p.snapshotRound())
        .put("deadlineRound", p.deadlineRound())
        .put("forVotes", p.forVotes().toString())
        .put("againstVotes", p.againstVotes().toString())
        .put("abstainVotes", p.abstainVotes().toString())
        .put("quorum", p.quorum().toString());
  }

  static JsonObject routingWeight(RoutingWeight w) {
    return new JsonObject()
        .put("orchestrator", address(w.orchestrator()))
        .put("stake", w.stake().toString())
        .put("stakeShare", w.stakeShare())
        .put("successRate", w.successRate())
        .put("latencyScore", w.latencyScore())
        .put("performanceScore", w.performanceScore())
        .put("weight", w.weight());
  }
}
