package dev.lpnode.eth.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import org.web3j.protocol.http.HttpService;

/**
 * web3j's HTTP transport to {@code -ethUrl}, counting every JSON-RPC call by its {@link Caller}: the
 * block watcher and the transaction sender run on threads of their own and say so; any other
 * thread is a request being served (a segment, a GetOrchestrator), where a call means a cache miss.
 * No batching is used, so one HTTP request is one call.
 */
public final class CountingHttpService extends HttpService {
  /** Who made a call. */
  public enum Caller {
    /** The block watcher: new blocks, events, and the reads that refresh the caches. */
    WATCHER,
    /** Transactions (redemptions, reward, round initialization) and their receipts. */
    TRANSACTIONS,
    /** Anything else: the node serving a gateway. Zero in steady state. */
    REQUEST
  }

  private static final ThreadLocal<Caller> CALLER = ThreadLocal.withInitial(() -> Caller.REQUEST);

  private final Map<Caller, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<Caller, LongAdder> failures = new ConcurrentHashMap<>();

  public CountingHttpService(String url, Duration timeout) {
    super(url, new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).build());
    for (Caller caller : Caller.values()) {
      calls.put(caller, new LongAdder());
      failures.put(caller, new LongAdder());
    }
  }

  /** Marks the calling thread's calls as {@code caller}'s, for as long as it lives. */
  public static void callsFromThisThreadAre(Caller caller) {
    CALLER.set(caller);
  }

  @Override
  protected InputStream performIO(String request) throws IOException {
    calls.get(CALLER.get()).increment();
    try {
      return super.performIO(request);
    } catch (IOException | RuntimeException e) {
      failures.get(CALLER.get()).increment();
      throw e;
    }
  }

  public long calls(Caller caller) {
    return calls.get(caller).sum();
  }

  /** The calls of {@code caller} that got no JSON-RPC reply: unreachable, timed out, or an HTTP error such as 429. */
  public long failures(Caller caller) {
    return failures.get(caller).sum();
  }
}
