package dev.lpnode.bench.orchestrator;

import dev.lpnode.bench.Machine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The node's memory at one moment: the heap in use right after a full GC (what is really kept), the
 * process's resident memory, and that of its transcoder worker processes (its descendants).
 */
record MemorySample(long heapBytes, long nodeRssKiB, long workersRssKiB) {
  static MemorySample take() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long workers = ProcessHandle.current().descendants().mapToLong(p -> Machine.rssKiB(p.pid())).sum();
    return new MemorySample(memory.getHeapMemoryUsage().getUsed(), Machine.rssKiB(ProcessHandle.current().pid()), workers);
  }

  double heapMiB() {
    return heapBytes / (1024.0 * 1024);
  }

  double nodeRssMiB() {
    return nodeRssKiB / 1024.0;
  }

  double workersRssMiB() {
    return workersRssKiB / 1024.0;
  }
}
