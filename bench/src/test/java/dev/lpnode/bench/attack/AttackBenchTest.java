package dev.lpnode.bench.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attack bench at a tiny size against a real demo node: its CSV and table, and cases that really ran. */
class AttackBenchTest {
  private static final String SAMPLE = Path.of(System.getProperty("lpnode.testdata"), "bad-cuvid.ts").toString();

  @Test
  void threeTinyCasesEachGiveACsvRowAndATableLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = AttackBench.run(new String[] {"-sample", SAMPLE, "-cases", "bad-escape,push-random,csrf",
        "-badRequests", "200", "-randomPushMB", "1", "-warmupSeconds", "1", "-settleSeconds", "1"},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(status).as(text).isZero();
    List<String> lines = Arrays.asList(text.split("\\R"));
    int header = lines.indexOf(AttackBench.CSV_HEADER);
    assertThat(header).as(text).isNotNegative();
    List<String> rows = lines.subList(header + 1, header + 4);
    assertThat(rows).extracting(r -> r.split(",")[0]).containsExactly("bad-escape", "push-random", "csrf");
    for (String row : rows) {
      // seconds, listed, lost, restarts, peak RSS and log bytes are numbers; the node's memory was read
      assertThat(row).as(row).matches("[a-z-]+,\\d+,\\d+,\\d+,\\d+,[1-9]\\d*,\\d+,\".+\"");
    }
    assertThat(rows.get(0)).as("every bad request got an answer").contains("\"200 of 200 answered\"");
    assertThat(rows.get(1)).as("the push was answered").containsPattern(",\"[45]\\d\\d ");
    assertThat(rows.get(2)).contains("MaxSessions");
    assertThat(text).contains("case              sec  listed  lost restarts  peak MiB   log bytes  what the attacker saw")
        .containsPattern("\\nbad-escape +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+  200 of 200 answered")
        .contains("node alive at the end");
  }
}
