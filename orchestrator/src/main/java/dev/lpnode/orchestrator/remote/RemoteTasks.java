package dev.lpnode.orchestrator.remote;

import dev.lpnode.transcoder.TranscodeRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments out with remote transcoders, by task id (go-livepeer's per-orchestrator counter): their
 * inputs, served at {@code /stream/<session>/<seq>.tempfile} while the task is open, and the results
 * awaited. A task is answered once: the first result to arrive claims it, even while its body is still
 * coming, so a second one sent at the same time is refused. Its input is dropped when it closes.
 */
final class RemoteTasks {
  static final String INPUT_SUFFIX = ".tempfile";

  /** A segment sent to a transcoder; {@code result} completes with what it posts. */
  record Task(long id, TranscodeRequest request, String inputPath, CompletableFuture<RemoteResult> result) {}

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Task> open = new ConcurrentHashMap<>();
  private final Map<String, byte[]> inputs = new ConcurrentHashMap<>();

  /** Opens a task for {@code request}; its input is served until {@link #close}. */
  Task open(TranscodeRequest request) {
    long id = ids.incrementAndGet();
    // The task id keeps two tasks of one segment (a retry) apart.
    String path = URLEncoder.encode(request.sessionId(), StandardCharsets.UTF_8) + "/" + request.seq() + "-" + id
        + INPUT_SUFFIX;
    Task task = new Task(id, request, path, new CompletableFuture<>());
    inputs.put(path, request.segment());
    open.put(id, task);
    return task;
  }

  /** The open task {@code id} if no result has claimed it yet; it is claimed now, for this caller only. */
  Optional<Task> claim(long id) {
    return Optional.ofNullable(open.remove(id));
  }

  /** The input of an open task, by the path after {@code /stream/} as sent (URL-encoded). */
  Optional<byte[]> input(String path) {
    return Optional.ofNullable(inputs.get(path));
  }

  void close(Task task) {
    open.remove(task.id());
    inputs.remove(task.inputPath());
  }
}
