package dev.lpnode.config;

import static dev.lpnode.config.ValueParsers.DURATION;
import static dev.lpnode.config.ValueParsers.ETH_ADDRESS;
import static dev.lpnode.config.ValueParsers.GPU_LIST;
import static dev.lpnode.config.ValueParsers.HOST_PORT;
import static dev.lpnode.config.ValueParsers.LADDER;
import static dev.lpnode.config.ValueParsers.LIST;
import static dev.lpnode.config.ValueParsers.LITERAL_OR_FILE;
import static dev.lpnode.config.ValueParsers.MAX_SESSIONS;
import static dev.lpnode.config.ValueParsers.PATH;
import static dev.lpnode.config.ValueParsers.STRING;
import static dev.lpnode.config.ValueParsers.WEI;
import static dev.lpnode.config.ValueParsers.decimalRange;
import static dev.lpnode.config.ValueParsers.durationAtLeast;
import static dev.lpnode.config.ValueParsers.intRange;
import static dev.lpnode.config.ValueParsers.longRange;
import static dev.lpnode.config.ValueParsers.oneOf;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.config.ladder.VideoProfile;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every flag the node accepts, with go-livepeer's names and defaults where go-livepeer has the flag. */
public final class Flags {
  private Flags() {}

  private static final String ROLES = "Roles";
  private static final String NETWORK = "Network and addresses";
  private static final String TRANSCODING = "Transcoding";
  private static final String PRICING = "Pricing and tickets";
  private static final String GATEWAY = "Gateway";
  private static final String ACCOUNT = "Ethereum account";
  private static final String CHAIN = "Chain (a network other than embedded and offchain)";
  private static final String OBSERVABILITY = "Observability";

  public static final Flag<Boolean> ORCHESTRATOR = Flag.bool(ROLES, "orchestrator", false,
      "Run an orchestrator: receive paid segments from gateways");
  public static final Flag<Boolean> TRANSCODER = Flag.bool(ROLES, "transcoder", false,
      "Transcode segments locally (with -orchestrator: a combined O+T node)");
  public static final Flag<Boolean> GATEWAY_ROLE = Flag.bool(ROLES, "gateway", false,
      "Run a gateway: ingest RTMP/HTTP video, pay orchestrators, serve HLS").withAliases("broadcaster");

  public static final Flag<String> NETWORK_NAME = Flag.of(NETWORK, "network", "embedded", ValueParsers.NETWORK_NAME,
      "embedded: in-process ledger with real tickets, deposits and rounds, persisted in -dataDir; offchain: no payments;"
          + " arbitrum-one-mainnet: Livepeer on Arbitrum One through -ethUrl; any other name: the chain at -ethUrl with"
          + " -ethController");
  public static final Flag<Path> DATA_DIR = Flag.of(NETWORK, "dataDir", null, PATH,
      "Data directory (keystore, databases, TLS certificate); default ~/.lpData/<network>").withAliases("datadir");
  public static final Flag<Path> CONFIG = Flag.of(NETWORK, "config", null, PATH,
      "File of 'key value' lines, one flag per line (go-livepeer format)");
  public static final Flag<String> SERVICE_ADDR = Flag.of(NETWORK, "serviceAddr", null, STRING,
      "Orchestrator's public host:port (https:// implied), given to gateways; default 127.0.0.1:8935");
  public static final Flag<HostPort> HTTP_ADDR = Flag.of(NETWORK, "httpAddr", null, HOST_PORT,
      "Gateway: HTTP ingest and playback address (default 127.0.0.1:9935). Orchestrator only: its listen address (default all interfaces, -serviceAddr's port)");
  public static final Flag<HostPort> CLI_ADDR = Flag.of(NETWORK, "cliAddr", null, HOST_PORT,
      "Operator API and /metrics; default 127.0.0.1:7935 (orchestrator) or 127.0.0.1:5935 (gateway only)");
  public static final Flag<String> CLI_AUTH_TOKEN = Flag.of(NETWORK, "cliAuthToken", null, LITERAL_OR_FILE,
      "Operator API token, or a file holding it: when set, every state change needs it (Authorization: Bearer)."
          + " Unset: the node keeps one in <dataDir>/cliAuthToken, needed when -cliAddr is not loopback").secret();
  public static final Flag<HostPort> RTMP_ADDR = Flag.of(NETWORK, "rtmpAddr", HostPort.parse("127.0.0.1:1935"), HOST_PORT,
      "Gateway RTMP ingest address");

  public static final Flag<List<VideoProfile>> TRANSCODING_OPTIONS = Flag.of(TRANSCODING, "transcodingOptions",
      LadderParser.parsePresets("P240p30fps16x9,P360p30fps16x9"), LADDER,
      "Ladder: comma-separated presets or a JSON ladder file");
  public static final Flag<SessionLimit> MAX_SESSIONS_FLAG = Flag.of(TRANSCODING, "maxSessions", SessionLimit.AUTO,
      MAX_SESSIONS, "Concurrent transcoding sessions (gateway: streams), or 'auto': as many as the start-up transcoder"
          + " test shows this machine transcodes in real time (a gateway alone: 10, go-livepeer's default)");
  public static final Flag<String> NVIDIA = Flag.of(TRANSCODING, "nvidia", "", GPU_LIST,
      "NVIDIA GPUs to transcode on: indexes such as 0,1 or 'all'; empty for CPU (libx264)");
  public static final Flag<String> X264_PRESET = Flag.of(TRANSCODING, "x264Preset", "veryfast",
      oneOf("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"),
      "libx264 preset for CPU transcoding (lpms uses medium; veryfast is about 2.3x faster)");
  public static final Flag<Duration> MAX_SEGMENT_DURATION = Flag.of(TRANSCODING, "maxSegmentDuration", Duration.ofSeconds(30),
      durationAtLeast(Duration.ofSeconds(1)), "Longest declared segment duration an orchestrator accepts (go-livepeer: 5m); a segment's content may"
          + " hold at most a quarter (at least 1 s) more video than it declares");
  public static final Flag<Long> MAX_SEGMENT_MEMORY = Flag.of(TRANSCODING, "maxSegmentMemory", 600_000_000L,
      longRange(300_000_000L, Long.MAX_VALUE), "Bytes of segments an orchestrator holds at once over all uploads being"
          + " read or transcoded; past it an upload gets 503 and its connection is closed");
  public static final Flag<Boolean> TEST_TRANSCODER = Flag.bool(TRANSCODING, "testTranscoder", true,
      "Transcode a sample segment at start-up and refuse to start if it fails (always run for -maxSessions auto)");

  public static final Flag<BigInteger> PRICE_PER_UNIT = Flag.of(PRICING, "pricePerUnit", BigInteger.valueOf(1000), WEI,
      "Orchestrator price in wei per -pixelsPerUnit pixels");
  public static final Flag<Long> PIXELS_PER_UNIT = Flag.of(PRICING, "pixelsPerUnit", 1L, longRange(1, Long.MAX_VALUE),
      "Pixels per price unit");
  public static final Flag<String> PRICE_PER_GATEWAY = Flag.of(PRICING, "pricePerGateway", null, LITERAL_OR_FILE,
      "JSON (or a file of it) with per-gateway prices: {\"broadcasters\":[{\"ethaddress\":\"0x…\",\"priceperunit\":1000,\"pixelsperunit\":1}]}")
      .withAliases("pricePerBroadcaster");
  public static final Flag<Boolean> AUTO_ADJUST_PRICE = Flag.bool(PRICING, "autoAdjustPrice", true,
      "Raise the price with the ticket redemption cost (gas)");
  public static final Flag<BigInteger> TICKET_EV = Flag.of(PRICING, "ticketEV", new BigInteger("8000000000"), WEI,
      "Expected value of each ticket, in wei");
  public static final Flag<BigInteger> MAX_FACE_VALUE = Flag.of(PRICING, "maxFaceValue", BigInteger.ZERO, WEI,
      "Upper bound on a ticket's face value, in wei; 0 for none");

  public static final Flag<String> ORCH_SECRET = Flag.of(TRANSCODING, "orchSecret", null, LITERAL_OR_FILE,
      "Secret shared by an orchestrator and its remote transcoders, or a file holding it: on -orchestrator it accepts"
          + " transcoders that present it; on -transcoder without -orchestrator it is what this transcoder presents").secret();

  public static final Flag<List<String>> ORCH_ADDR = Flag.of(GATEWAY, "orchAddr", List.of(), LIST,
      "Orchestrators to use: comma-separated host:port or URLs");
  public static final Flag<List<String>> ORCH_BLOCKLIST = Flag.of(GATEWAY, "orchBlocklist", List.of(), LIST,
      "Orchestrator addresses never to use: comma-separated 0x… addresses");
  public static final Flag<String> ORCH_WEBHOOK_URL = Flag.of(GATEWAY, "orchWebhookUrl", null, STRING,
      "URL that returns the orchestrators to use (JSON [{\"address\":\"https://…\"}])");
  public static final Flag<String> AUTH_WEBHOOK_URL = Flag.of(GATEWAY, "authWebhookUrl", null, STRING,
      "URL asked (POST {\"url\": …}) to admit each new RTMP or HTTP push stream; 200 admits, anything else refuses");
  public static final Flag<Duration> DISCOVERY_TIMEOUT = Flag.of(GATEWAY, "discoveryTimeout", Duration.ofMillis(500), DURATION,
      "How long discovery waits for orchestrators to answer");
  public static final Flag<Integer> MAX_ATTEMPTS = Flag.of(GATEWAY, "maxAttempts", 3, intRange(1, 100),
      "Attempts per segment before giving up");
  public static final Flag<BigInteger> MAX_PRICE_PER_UNIT = Flag.of(GATEWAY, "maxPricePerUnit", BigInteger.ZERO, WEI,
      "Highest orchestrator price accepted, in wei per pixel; 0 for no cap");
  public static final Flag<BigInteger> MAX_TICKET_EV = Flag.of(GATEWAY, "maxTicketEV", new BigInteger("3000000000000"), WEI,
      "Highest ticket EV accepted, in wei");
  public static final Flag<BigInteger> MAX_TOTAL_EV = Flag.of(GATEWAY, "maxTotalEV", new BigInteger("20000000000000"), WEI,
      "Highest total EV of the tickets sent for one segment, in wei");
  public static final Flag<Integer> DEPOSIT_MULTIPLIER = Flag.of(GATEWAY, "depositMultiplier", 1, intRange(1, 1_000_000),
      "Deposit must cover face value times this");
  public static final Flag<Boolean> LOCAL_VERIFY = Flag.bool(GATEWAY, "localVerify", true,
      "Check rendition signatures and pixel counts locally");
  public static final Flag<Boolean> SLASH_ON_FAULT = Flag.bool(GATEWAY, "slashOnFault", false,
      "Submit the evidence of a provable fault (a signed rendition that is not decodable media, kept in <dataDir>/evidence)"
          + " to the ledger to slash the orchestrator, as finder");
  public static final Flag<Double> SELECT_STAKE_WEIGHT = Flag.of(GATEWAY, "selectStakeWeight", 0.7, decimalRange(0, 1),
      "Weight of stake in orchestrator selection");
  public static final Flag<Double> SELECT_PRICE_WEIGHT = Flag.of(GATEWAY, "selectPriceWeight", 0.0, decimalRange(0, 1),
      "Weight of price in orchestrator selection");
  public static final Flag<Double> SELECT_RAND_FREQ = Flag.of(GATEWAY, "selectRandFreq", 0.3, decimalRange(0, 1),
      "Weight of uniform randomness in orchestrator selection");
  public static final Flag<String> ORCH_MIN_LIVEPEER_VERSION = Flag.of(GATEWAY, "orchMinLivepeerVersion", null, STRING,
      "Oldest orchestrator version to use");
  public static final Flag<Long> MAX_PUSH_MEMORY = Flag.of(GATEWAY, "maxPushMemory", 600_000_000L,
      longRange(1_000_000L, Long.MAX_VALUE), "Bytes of HTTP push bodies the gateway holds at once over all uploads being"
          + " read or processed (a body without Content-Length counts twice while read); past it 503, connection closed");

  public static final Flag<Path> ETH_KEYSTORE_PATH = Flag.of(ACCOUNT, "ethKeystorePath", null, PATH,
      "Keystore directory or key file; default <dataDir>/keystore (an account is created there on first start)");
  public static final Flag<String> ETH_ACCT_ADDR = Flag.of(ACCOUNT, "ethAcctAddr", null, ETH_ADDRESS,
      "Account to use when the keystore holds several");
  public static final Flag<String> ETH_PASSWORD = Flag.of(ACCOUNT, "ethPassword", "", LITERAL_OR_FILE,
      "Keystore password, or a file whose first line is the password").secret();

  public static final Flag<String> ETH_URL = Flag.of(CHAIN, "ethUrl", null, STRING,
      "Ethereum JSON-RPC URL of the chain (required on a chain network)");
  public static final Flag<String> ETH_CONTROLLER = Flag.of(CHAIN, "ethController", null, ETH_ADDRESS,
      "Address of the Livepeer Controller; default the known network's (arbitrum-one-mainnet), required on any other chain");
  public static final Flag<Duration> BLOCK_POLLING_INTERVAL = Flag.of(CHAIN, "blockPollingInterval", Duration.ofSeconds(5),
      durationAtLeast(Duration.ofMillis(10)), "How often to ask the chain for new blocks");
  public static final Flag<BigInteger> MIN_GAS_PRICE = Flag.of(CHAIN, "minGasPrice", BigInteger.ZERO, WEI,
      "Lowest gas price, in wei, ticket redemptions are costed at (a lower eth_gasPrice is raised to it)");
  public static final Flag<BigInteger> MAX_GAS_PRICE = Flag.of(CHAIN, "maxGasPrice", BigInteger.ZERO, WEI,
      "Highest gas price, in wei, the node pays; above it transactions wait. 0 for no limit");
  public static final Flag<Duration> TRANSACTION_TIMEOUT = Flag.of(CHAIN, "transactionTimeout", Duration.ofMinutes(5),
      durationAtLeast(Duration.ofMillis(100)), "How long a transaction may stay unmined before it is replaced with higher fees");
  public static final Flag<Integer> MAX_TRANSACTION_REPLACEMENTS = Flag.of(CHAIN, "maxTransactionReplacements", 1, intRange(0, 10),
      "How many times a stuck transaction is replaced");
  public static final Flag<Boolean> INITIALIZE_ROUND = Flag.bool(CHAIN, "initializeRound", false,
      "Send initializeRound() when the current round is not initialized yet");

  public static final Flag<Boolean> MONITOR = Flag.bool(OBSERVABILITY, "monitor", false,
      "Serve Prometheus metrics at <cliAddr>/metrics");
  public static final Flag<Integer> VERBOSITY = Flag.of(OBSERVABILITY, "v", 3, intRange(0, 10),
      "Log verbosity, glog levels: 0-3 info, 4-6 debug, 7+ trace (and Vert.x/Netty debug)");
  public static final Flag<Boolean> VERSION = Flag.bool(OBSERVABILITY, "version", false, "Print the version and exit");
  public static final Flag<Boolean> HELP = Flag.bool(OBSERVABILITY, "help", false, "Print the flags and exit").withAliases("h");

  private static final String EMBEDDED = "Embedded network";
  private static final BigInteger LPT = BigInteger.TEN.pow(18);

  // The embedded network's parameters (ledger NetworkParameter, same names and defaults). They are
  // fixed when the network is created in -dataDir; later starts keep the stored values (and log it).
  public static final Flag<Long> ROUND_LENGTH = Flag.of(EMBEDDED, "roundLength", 6377L, longRange(1, 1_000_000_000),
      "Round length in blocks (Livepeer: 6377 since LIP-83, about 21 h)");
  public static final Flag<Duration> BLOCK_TIME = Flag.of(EMBEDDED, "blockTime", Duration.ofSeconds(12), DURATION,
      "Time per block (at least 1ms); processes that talk to each other need the same value");
  public static final Flag<Long> ROUND_LOCK_AMOUNT = Flag.of(EMBEDDED, "roundLockAmount", 100_000L, longRange(0, 1_000_000),
      "Last part of each round, in ppm, when transcoders cannot change their rates");
  public static final Flag<Long> UNBONDING_PERIOD = Flag.of(EMBEDDED, "unbondingPeriod", 7L, longRange(0, 1_000_000),
      "Rounds before unbonded LPT can be withdrawn");
  public static final Flag<Long> NUM_ACTIVE_TRANSCODERS = Flag.of(EMBEDDED, "numActiveTranscoders", 100L, longRange(1, 10_000),
      "Size of the active set");
  public static final Flag<Long> INFLATION = Flag.of(EMBEDDED, "inflation", 218_500L, longRange(0, Long.MAX_VALUE),
      "Starting inflation per round, in ppb of supply");
  public static final Flag<Long> INFLATION_CHANGE = Flag.of(EMBEDDED, "inflationChange", 500L, longRange(0, 1_000_000_000),
      "Inflation change per round toward the target bonding rate, in ppb");
  public static final Flag<Long> TARGET_BONDING_RATE = Flag.of(EMBEDDED, "targetBondingRate", 500_000_000L,
      longRange(0, 1_000_000_000), "Target share of supply bonded, in ppb");
  public static final Flag<BigInteger> TREASURY_REWARD_CUT_RATE = Flag.of(EMBEDDED, "treasuryRewardCutRate",
      BigInteger.TEN.pow(26), WEI, "Treasury's cut of each reward, with 1e27 = 100%");
  public static final Flag<BigInteger> TREASURY_BALANCE_CEILING = Flag.of(EMBEDDED, "treasuryBalanceCeiling",
      LPT.multiply(BigInteger.valueOf(750_000)), WEI, "Treasury balance (LPT wei) at which its cut stops");
  public static final Flag<Long> WORK_ALPHA = Flag.of(EMBEDDED, "workAlpha", 500_000L, longRange(0, 1_000_000),
      "Weight of verified work against stake in issuance, in ppm (0 = Livepeer's stake-only issuance)");
  public static final Flag<String> WORK_METRIC = Flag.of(EMBEDDED, "workMetric", "pixels", oneOf("pixels", "fees"),
      "What counts as verified work for issuance: output pixels or redeemed ticket fees");
  public static final Flag<Long> SLASH_AMOUNT = Flag.of(EMBEDDED, "slashAmount", 0L, longRange(0, 1_000_000),
      "Share of an orchestrator's own bond slashed for a proven fault, in ppm; 0 turns slashing off");
  public static final Flag<Long> FINDER_FEE = Flag.of(EMBEDDED, "finderFee", 50_000L, longRange(0, 1_000_000),
      "Finder's share of a slashing penalty, in ppm");
  public static final Flag<Long> VOTING_DELAY = Flag.of(EMBEDDED, "votingDelay", 1L, longRange(0, 1_000_000),
      "Rounds from a proposal to the start of its vote");
  public static final Flag<Long> VOTING_PERIOD = Flag.of(EMBEDDED, "votingPeriod", 10L, longRange(1, 1_000_000),
      "Rounds a vote lasts");
  public static final Flag<BigInteger> PROPOSAL_THRESHOLD = Flag.of(EMBEDDED, "proposalThreshold",
      LPT.multiply(BigInteger.valueOf(100)), WEI, "Stake (LPT wei) needed to make a proposal");
  public static final Flag<Long> QUORUM = Flag.of(EMBEDDED, "quorum", 333_300L, longRange(0, 1_000_000),
      "Votes needed for a proposal to count, in ppm of active stake");
  public static final Flag<Long> QUOTA = Flag.of(EMBEDDED, "quota", 500_000L, longRange(0, 1_000_000),
      "Share of for + against votes a proposal needs to pass, in ppm");
  public static final Flag<Long> ROUTING_WINDOW = Flag.of(EMBEDDED, "routingWindow", 2L, longRange(1, 1_000),
      "Rounds of verified work the routing weight's performance score looks at");
  public static final Flag<BigInteger> FAUCET_REQUEST_AMOUNT = Flag.of(EMBEDDED, "faucetRequestAmount", LPT.multiply(BigInteger.TEN), WEI,
      "LPT wei the development faucet gives an account per request (./lpnode cli faucet); 0 turns it off");
  public static final Flag<Long> FAUCET_REQUEST_WAIT = Flag.of(EMBEDDED, "faucetRequestWait", 1L, longRange(0, 1_000_000),
      "Hours an account waits between faucet requests");
  public static final Flag<BigInteger> TIER_1_STAKE = Flag.of(EMBEDDED, "tier1Stake", LPT.multiply(BigInteger.valueOf(100)), WEI,
      "Stake (LPT wei, own bond or delegated to it) an account needs for stake tier 1: a gateway's priority admission");
  public static final Flag<BigInteger> TIER_2_STAKE = Flag.of(EMBEDDED, "tier2Stake", LPT.multiply(BigInteger.valueOf(1_000)), WEI,
      "Stake (LPT wei) for stake tier 2: a gateway's larger ladders (up to 10 renditions whatever -maxRenditions says)");
  public static final Flag<BigInteger> TIER_3_STAKE = Flag.of(EMBEDDED, "tier3Stake", LPT.multiply(BigInteger.valueOf(10_000)), WEI,
      "Stake (LPT wei) for stake tier 3");
  public static final Flag<Long> PRIORITY_RESERVE = Flag.of(EMBEDDED, "priorityReserve", 0L, longRange(0, 1_000_000),
      "Share of an orchestrator's session cap, in ppm (rounded up to whole sessions), that only gateways of stake tier 1 "
          + "or more may start sessions in; 0 turns priority admission off");
  public static final Flag<Long> MAX_RENDITIONS = Flag.of(EMBEDDED, "maxRenditions", 10L, longRange(1, 10),
      "Renditions per segment an orchestrator transcodes for a gateway below stake tier 2; tier 2 may always ask for 10 "
          + "(the engine's limit, the default)");

  /** The embedded network's parameters, named as the ledger's {@code NetworkParameter}s. */
  public static final List<Flag<?>> NETWORK_PARAMETERS = List.of(
      ROUND_LENGTH, BLOCK_TIME, ROUND_LOCK_AMOUNT, UNBONDING_PERIOD, NUM_ACTIVE_TRANSCODERS, INFLATION, INFLATION_CHANGE,
      TARGET_BONDING_RATE, TREASURY_REWARD_CUT_RATE, TREASURY_BALANCE_CEILING, WORK_ALPHA, WORK_METRIC, SLASH_AMOUNT,
      FINDER_FEE, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, QUORUM, QUOTA, ROUTING_WINDOW, FAUCET_REQUEST_AMOUNT,
      FAUCET_REQUEST_WAIT, TIER_1_STAKE, TIER_2_STAKE, TIER_3_STAKE, PRIORITY_RESERVE, MAX_RENDITIONS);

  public static final Flag<Boolean> REWARD = Flag.bool(EMBEDDED, "reward", true,
      "Call reward() once per round for this orchestrator while it is active (embedded: initializing the round if needed)");
  public static final Flag<BigInteger> EMBEDDED_GAS_PRICE = Flag.of(EMBEDDED, "embeddedGasPrice", BigInteger.valueOf(10_000_000), WEI,
      "Gas price of the embedded chain in wei (sets ticket face values; default 0.01 gwei, as on Arbitrum)");
  public static final Flag<BigInteger> EMBEDDED_STAKE = Flag.of(EMBEDDED, "embeddedStake", LPT.multiply(BigInteger.valueOf(1000)), WEI,
      "LPT wei an orchestrator's account gets when the network is created, all bonded to itself");
  public static final Flag<Double> BLOCK_REWARD_CUT = Flag.of(EMBEDDED, "blockRewardCut", 10.0, decimalRange(0, 100),
      "Orchestrator's reward cut in percent, set when the network is created");
  public static final Flag<Double> FEE_SHARE = Flag.of(EMBEDDED, "feeShare", 50.0, decimalRange(0, 100),
      "Share of ticket fees passed to delegators in percent, set when the network is created");

  /** Every flag, in the order help lists them. */
  public static final List<Flag<?>> ALL = List.of(
      ORCHESTRATOR, TRANSCODER, GATEWAY_ROLE,
      NETWORK_NAME, DATA_DIR, CONFIG, SERVICE_ADDR, HTTP_ADDR, CLI_ADDR, CLI_AUTH_TOKEN, RTMP_ADDR,
      TRANSCODING_OPTIONS, MAX_SESSIONS_FLAG, NVIDIA, X264_PRESET, MAX_SEGMENT_DURATION, MAX_SEGMENT_MEMORY, TEST_TRANSCODER, ORCH_SECRET,
      PRICE_PER_UNIT, PIXELS_PER_UNIT, PRICE_PER_GATEWAY, AUTO_ADJUST_PRICE, TICKET_EV, MAX_FACE_VALUE,
      ORCH_ADDR, ORCH_BLOCKLIST, ORCH_WEBHOOK_URL, AUTH_WEBHOOK_URL, DISCOVERY_TIMEOUT, MAX_ATTEMPTS, MAX_PRICE_PER_UNIT, MAX_TICKET_EV, MAX_TOTAL_EV,
      DEPOSIT_MULTIPLIER, LOCAL_VERIFY, SLASH_ON_FAULT, SELECT_STAKE_WEIGHT, SELECT_PRICE_WEIGHT, SELECT_RAND_FREQ, ORCH_MIN_LIVEPEER_VERSION,
      MAX_PUSH_MEMORY,
      ETH_KEYSTORE_PATH, ETH_ACCT_ADDR, ETH_PASSWORD,
      ETH_URL, ETH_CONTROLLER, BLOCK_POLLING_INTERVAL, MIN_GAS_PRICE, MAX_GAS_PRICE, TRANSACTION_TIMEOUT,
      MAX_TRANSACTION_REPLACEMENTS, INITIALIZE_ROUND,
      MONITOR, VERBOSITY, VERSION, HELP,
      ROUND_LENGTH, BLOCK_TIME, ROUND_LOCK_AMOUNT, UNBONDING_PERIOD, NUM_ACTIVE_TRANSCODERS, INFLATION, INFLATION_CHANGE,
      TARGET_BONDING_RATE, TREASURY_REWARD_CUT_RATE, TREASURY_BALANCE_CEILING, WORK_ALPHA, WORK_METRIC, SLASH_AMOUNT,
      FINDER_FEE, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, QUORUM, QUOTA, ROUTING_WINDOW, FAUCET_REQUEST_AMOUNT,
      FAUCET_REQUEST_WAIT, TIER_1_STAKE, TIER_2_STAKE, TIER_3_STAKE, PRIORITY_RESERVE, MAX_RENDITIONS, REWARD, EMBEDDED_GAS_PRICE, EMBEDDED_STAKE, BLOCK_REWARD_CUT, FEE_SHARE);
}
