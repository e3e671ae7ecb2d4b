package dev.lpnode.transcoder;

import dev.lpnode.transcoder.engine.GpuDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Transcodes on threads of this JVM. A native crash here takes the JVM down: production uses
 * {@link TranscoderPool}; this is for the bench, unit tests and inside worker processes.
 */
public final class InProcessTranscoder implements Transcoder {
  private final Dispatcher dispatcher;
  private final List<InProcessWorker> workers = new ArrayList<>();

  /**
   * @param capacity segments transcoded at once on the CPU; with GPUs each GPU instead runs as many
   *                 segments as its NVENC session cap allows (one session per rendition)
   */
  public InProcessTranscoder(EngineSettings settings, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.dispatcher = new Dispatcher(costOf(settings));
    if (settings.nvidia()) {
      for (int device : settings.nvidiaDevices()) {
        GpuDevice gpu = GpuDevice.of(device);
        gpu.checkEncoder("h264_nvenc");
        add("gpu" + device, settings.nvencSessionCap(), new InProcessWorker(settings, gpu));
      }
    } else {
      add("cpu", capacity, new InProcessWorker(settings, null));
    }
  }

  private void add(String name, int budget, InProcessWorker worker) {
    workers.add(worker);
    dispatcher.addSlot(name, budget).worker(worker);
  }

  /** Budget units of a segment: one on the CPU; on a GPU one NVENC session per rendition. */
  static java.util.function.ToIntFunction<TranscodeRequest> costOf(EngineSettings settings) {
    return settings.nvidia() ? request -> Math.max(1, request.profiles().size()) : request -> 1;
  }

  @Override
  public CompletableFuture<TranscodeResult> transcode(TranscodeRequest request) {
    return dispatcher.submit(request);
  }

  @Override
  public void endSession(String sessionId) {
    dispatcher.endSession(sessionId);
  }

  @Override
  public int capacity() {
    return dispatcher.capacity();
  }

  @Override
  public void close() {
    dispatcher.close();
    workers.forEach(InProcessWorker::close);
  }
}
