package dev.lpnode.transcoder;

import dev.lpnode.transcoder.engine.GpuDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * Transcodes on threads of this JVM. A native crash here takes the JVM down: production uses
 * {@link TranscoderPool}; this is for the bench, unit tests and inside worker processes.
 */
public final class InProcessTranscoder extends DispatchingTranscoder {
  private final List<InProcessWorker> workers = new ArrayList<>();

  /**
   * @param capacity segments transcoded at once on the CPU; with GPUs each GPU instead runs as many
   *                 segments as its NVENC session cap allows (one session per rendition)
   */
  public InProcessTranscoder(EngineSettings settings, int capacity) {
    super(settings);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
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

  @Override
  public void close() {
    dispatcher.close();
    workers.forEach(InProcessWorker::close);
  }
}
