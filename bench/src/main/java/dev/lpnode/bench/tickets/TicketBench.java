package dev.lpnode.bench.tickets;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./lpnode bench -tickets}: runs {@link TicketValidationBenchmark} with JMH (one forked JVM,
 * one benchmark thread) and prints {@code ticket validations/s/core: <n>} for payments of one
 * ticket, the costliest case per ticket. JMH's own table also shows payments of three tickets and
 * {@link SignatureRecoveryBenchmark}, the bare libsecp256k1 recovery every ticket needs, as the
 * ceiling on this machine at this moment. Pin it to one core with {@code taskset -c 0}.
 */
public final class TicketBench {
  private TicketBench() {
  }

  public static void main(String[] args) throws Exception {
    Options options = new OptionsBuilder()
        .include(TicketValidationBenchmark.class.getName() + ".receivePayments")
        .include(SignatureRecoveryBenchmark.class.getName() + ".recoverPersonalSigner")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("recoverPersonalSigner")) {
        System.out.printf("signature recoveries/s/core (libsecp256k1 alone): %.0f%n", r.getPrimaryResult().getScore());
      }
    }
    for (RunResult r : results) {
      if ("1".equals(r.getParams().getParam("ticketsPerPayment"))) {
        System.out.printf("ticket validations/s/core: %.0f%n", r.getPrimaryResult().getScore());
      }
    }
  }
}
