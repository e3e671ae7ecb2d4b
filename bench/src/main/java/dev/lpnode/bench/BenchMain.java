package dev.lpnode.bench;

import dev.lpnode.bench.attack.AttackBench;
import dev.lpnode.bench.gateway.GatewayBench;
import dev.lpnode.bench.orchestrator.OrchestratorBench;
import dev.lpnode.bench.tickets.TicketBench;
import dev.lpnode.bench.transcode.TranscodeBench;
import java.util.Arrays;

/**
 * Entry point of {@code ./lpnode bench}: picks a benchmark by its first flag and hands it the rest.
 * Without a mode flag it runs the livepeer_bench-compatible transcoding bench.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    int status = switch (mode) {
      case "-transcode" -> TranscodeBench.run(rest);
      case "-tickets" -> {
        TicketBench.main(rest);
        yield 0;
      }
      case "-gateway" -> {
        GatewayBench.main(rest);
        yield 0;
      }
      case "-orchestrator" -> OrchestratorBench.run(rest);
      case "-attack" -> AttackBench.run(rest);
      default -> TranscodeBench.run(args);
    };
    System.exit(status);
  }
}
