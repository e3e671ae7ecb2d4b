package dev.lpnode.node.cli;

import dev.lpnode.ledger.evidence.RenditionEvidence;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code ./lpnode cli} subcommand: the operator API endpoint it calls and its flags, each
 * sent as the request field of the same meaning.
 */
record CliCommand(String name, boolean post, String path, String summary, List<Option> options) {
  /** The one command that runs here, without a node. */
  static final String NEW_ACCOUNT = "newAccount";

  /** The largest file a flag sends: the largest evidence the node takes. */
  static final int MAX_FILE_BYTES = RenditionEvidence.MAX_JSON_CHARS;

  /** What a flag's value must look like; checked before anything is sent. */
  enum Kind {
    ADDRESS("0x…"),
    WEI("wei"),
    ID("n"),
    /** A share in parts per million, Livepeer's unit (1000000 = 100 %); the node checks the range. */
    PPM("ppm"),
    SUPPORT("for|against|abstain"),
    TEXT("text"),
    /** A file, sent as its text (at most {@link #MAX_FILE_BYTES}). */
    FILE("file"),
    /** A governed parameter change {@code name=value}; repeatable, sent together as {@code changes}. */
    CHANGE("name=value");

    final String placeholder;

    Kind(String placeholder) {
      this.placeholder = placeholder;
    }

    /** The value as the API takes it; throws {@link UsageException} saying what was expected. */
    String normalize(String value) {
      return switch (this) {
        case ADDRESS -> check(value, value.matches("0x[0-9a-fA-F]{40}"), "expected a 0x-prefixed 20-byte address");
        case WEI -> wei(value).orElseThrow(() -> new UsageException("expected a whole, non-negative amount of wei (e.g. 1000 or 5e18)"));
        case ID -> check(value, value.matches("\\d{1,18}"), "expected a non-negative whole number");
        case PPM -> check(value, value.matches("\\d{1,18}"), "expected a whole number of ppm (1000000 = 100 %)");
        case SUPPORT -> check(value.toLowerCase(Locale.ROOT), List.of("for", "against", "abstain").contains(value.toLowerCase(Locale.ROOT)),
            "expected for, against or abstain");
        case CHANGE -> {
          int eq = value.indexOf('=');
          String number = eq > 0 ? wei(value.substring(eq + 1)).orElse(null) : null;
          yield check(value.substring(0, Math.max(eq, 0)) + "=" + number, number != null,
              "expected name=value with a whole number, e.g. workAlpha=0");
        }
        case TEXT -> value;
        case FILE -> read(value);
      };
    }

    private static String read(String file) {
      try {
        Path path = Path.of(file);
        if (Files.size(path) > MAX_FILE_BYTES) {
          throw new UsageException("file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException | InvalidPathException e) {
        throw new UsageException("cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }

    private static String check(String value, boolean ok, String expected) {
      if (!ok) {
        throw new UsageException(expected);
      }
      return value;
    }

    private static Optional<String> wei(String value) {
      try {
        BigDecimal number = new BigDecimal(value);
        return number.signum() < 0 ? Optional.empty() : Optional.of(number.toBigIntegerExact().toString());
      } catch (ArithmeticException | NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** A flag {@code -name} sent as request field {@code field}. */
  record Option(String name, String field, Kind kind, boolean required, String help) {
    static Option required(String name, String field, Kind kind, String help) {
      return new Option(name, field, kind, true, help);
    }

    static Option optional(String name, String field, Kind kind, String help) {
      return new Option(name, field, kind, false, help);
    }
  }

  Optional<Option> option(String flag) {
    return options.stream().filter(o -> o.name().equals(flag)).findFirst();
  }

  String usage() {
    StringBuilder sb = new StringBuilder("Usage: ./lpnode cli [-cliAddr host:port] ").append(name);
    for (Option o : options) {
      String flag = "-" + o.name() + " " + o.kind().placeholder;
      sb.append(' ').append(o.required() ? flag : "[" + flag + "]");
    }
    sb.append("\n\n").append(summary).append(" (").append(post ? "POST " : "GET ").append(path).append(")\n");
    if (!options.isEmpty()) {
      sb.append("\nFlags:\n");
      for (Option o : options) {
        sb.append(String.format("  -%-18s %s%n", o.name() + " " + o.kind().placeholder, o.help()));
      }
    }
    return sb.toString();
  }

  /** Every subcommand, in the order help lists them. */
  static final List<CliCommand> ALL = List.of(
      new CliCommand("status", false, "/ledgerStatus", "An account's stake, fees, balances and transcoder state, with the round",
          List.of(Option.optional("account", "account", Kind.ADDRESS, "the account to show (default: -ethAcctAddr, else the node's)"))),
      new CliCommand("currentRound", false, "/currentRound", "The current round: number, initialized, locked, blocks", List.of()),
      new CliCommand("protocolParameters", false, "/protocolParameters", "The network's parameters, pending changes and issuance", List.of()),
      new CliCommand("registeredOrchestrators", false, "/registeredOrchestrators", "The transcoder pool, largest stake first", List.of()),
      new CliCommand("routingWeights", false, "/routingWeights", "Each active orchestrator's routing weight: stake share × performance",
          List.of()),
      new CliCommand("senderInfo", false, "/senderInfo", "A gateway's deposit and reserve in the ticket broker",
          List.of(Option.optional("sender", "sender", Kind.ADDRESS, "the gateway (default: the node's account)"))),
      new CliCommand("bond", true, "/bond", "Bond the acting account's LPT to an orchestrator",
          List.of(Option.required("amount", "amount", Kind.WEI, "LPT to bond, in wei"),
              Option.required("to", "toAddr", Kind.ADDRESS, "the orchestrator to bond to"))),
      new CliCommand("transferBond", true, "/transferBond", "Move part of the acting account's bond to another account (Livepeer's transferBond)",
          List.of(Option.required("to", "toAddr", Kind.ADDRESS, "the account that receives the bond"),
              Option.required("amount", "amount", Kind.WEI, "LPT to move, in wei"))),
      new CliCommand("transcoder", true, "/transcoder",
          "Register the acting account (bonded to itself) as an orchestrator, or change its rates (Livepeer's transcoder())",
          List.of(Option.required("rewardCut", "rewardCut", Kind.PPM, "share of rewards the orchestrator keeps, ppm (100000 = 10 %)"),
              Option.required("feeShare", "feeShare", Kind.PPM, "share of fees passed to delegators, ppm (500000 = 50 %)"))),
      new CliCommand("activateOrchestrator", true, "/activateOrchestrator",
          "On a chain network: bond LPT to the node's own account, set its rates and publish its service URI (livepeer_cli's become an orchestrator)",
          List.of(Option.required("amount", "amount", Kind.WEI, "LPT to bond to the node's account, in wei (0: bond nothing more)"),
              Option.required("rewardCut", "rewardCut", Kind.PPM, "share of rewards the orchestrator keeps, ppm (100000 = 10 %)"),
              Option.required("feeShare", "feeShare", Kind.PPM, "share of fees passed to delegators, ppm (500000 = 50 %)"),
              Option.optional("serviceURI", "serviceURI", Kind.TEXT, "the URI gateways reach it at (default: the node's -serviceAddr)"))),
      new CliCommand("faucet", true, "/faucet", "Get development LPT for the acting account (embedded network: a fixed amount per interval)",
          List.of()),
      new CliCommand("unbond", true, "/unbond", "Start unbonding LPT; prints the unbonding lock id",
          List.of(Option.required("amount", "amount", Kind.WEI, "LPT to unbond, in wei"))),
      new CliCommand("rebond", true, "/rebond", "Bond an unbonding lock's LPT again",
          List.of(Option.required("unbondingLockId", "unbondingLockId", Kind.ID, "the lock, from unbond or status"),
              Option.optional("to", "toAddr", Kind.ADDRESS, "an orchestrator to bond to, when the account is unbonded"))),
      new CliCommand("withdrawStake", true, "/withdrawStake", "Withdraw an unbonding lock's LPT once its unbonding period is over",
          List.of(Option.required("unbondingLockId", "unbondingLockId", Kind.ID, "the lock, from unbond or status"))),
      new CliCommand("withdrawFees", true, "/withdrawFees", "Withdraw earned ticket fees (ETH)",
          List.of(Option.required("amount", "amount", Kind.WEI, "ETH to withdraw, in wei"),
              Option.optional("recipient", "recipient", Kind.ADDRESS, "where to send it (default: the acting account)"))),
      new CliCommand("reward", true, "/reward", "Mint this round's reward for the acting orchestrator (the node does it by itself for its own with -reward)",
          List.of()),
      new CliCommand("claim", true, "/claimEarnings", "Claim earned rewards and fees through the current round", List.of()),
      new CliCommand("initializeRound", true, "/initializeRound", "Initialize the current round if no one has", List.of()),
      new CliCommand("fundDepositAndReserve", true, "/fundDepositAndReserve",
          "Fund a gateway's deposit and reserve in the ticket broker: with development ETH on the embedded network, on a chain"
              + " network a transaction paying deposit + reserve from the node's account",
          List.of(Option.optional("sender", "sender", Kind.ADDRESS, "the gateway to fund (default: the acting account; embedded network)"),
              Option.required("deposit", "deposit", Kind.WEI, "deposit, in wei"),
              Option.required("reserve", "reserve", Kind.WEI, "reserve, in wei"))),
      new CliCommand("unlock", true, "/unlock",
          "Start unlocking the acting account's deposit and reserve in the ticket broker (withdrawable after its unlock period)",
          List.of()),
      new CliCommand("withdraw", true, "/withdraw", "Withdraw the acting account's unlocked deposit and reserve", List.of()),
      new CliCommand("propose", true, "/propose", "Propose parameter changes (needs -proposalThreshold of stake); prints the proposal",
          List.of(Option.required("set", "changes", Kind.CHANGE, "a governed parameter and its new value; repeat for more"),
              Option.optional("description", "description", Kind.TEXT, "what the proposal is for"))),
      new CliCommand("vote", true, "/vote", "Vote on a proposal with the acting account's stake",
          List.of(Option.required("proposal", "proposalId", Kind.ID, "the proposal id"),
              Option.required("support", "support", Kind.SUPPORT, "the vote"))),
      new CliCommand("execute", true, "/execute", "Execute a proposal that passed; it takes effect next round",
          List.of(Option.required("proposal", "proposalId", Kind.ID, "the proposal id"))),
      new CliCommand("slash", true, "/slash",
          "Submit evidence that an orchestrator signed a rendition that is not decodable media (a gateway keeps it in"
              + " <dataDir>/evidence); if it proves the fault and slashing is on, the orchestrator is slashed and the acting"
              + " account is paid the finder's fee",
          List.of(Option.required("evidence", "evidence", Kind.FILE, "the evidence file (JSON)"))),
      new CliCommand("proposals", false, "/proposals", "Every proposal with its state and tally", List.of()),
      new CliCommand(NEW_ACCOUNT, true, "", "Create an account (a V3 key file) in -ethKeystorePath, encrypted with -ethPassword; no node needed",
          List.of()));

  static Optional<CliCommand> named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** A command line the CLI cannot use: exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
