package dev.lpnode.transcoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.junit.jupiter.api.Test;

class TimestampTest {
  @Test
  void missingPtsFallsBackToBestEffortThenToTheNextStep() {
    PtsFixer fixer = new PtsFixer(3000);
    assertThat(fixer.fix(AV_NOPTS_VALUE, 9000, 0)).isEqualTo(9000);
    assertThat(fixer.fix(AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0)).isEqualTo(12000);
    assertThat(fixer.fix(AV_NOPTS_VALUE, AV_NOPTS_VALUE, 1500)).isEqualTo(13500);
  }

  @Test
  void ptsAlwaysMovesForward() {
    PtsFixer fixer = new PtsFixer(3000);
    assertThat(fixer.fix(90000, 90000, 3000)).isEqualTo(90000);
    assertThat(fixer.fix(90000, 90000, 3000)).isEqualTo(93000);
    assertThat(fixer.fix(10, 10, 0)).isEqualTo(96000);
    assertThat(fixer.fix(200000, 200000, 3000)).isEqualTo(200000);
  }

  @Test
  void duplicateDtsIsPushedForward() {
    MonotonicDts dts = new MonotonicDts();
    dts.fix(1000, 1000);
    dts.fix(1000, 1000);
    assertThat(dts.dts()).isEqualTo(1001);
    assertThat(dts.pts()).isEqualTo(1001);
    dts.fix(3000, 1500);
    assertThat(dts.dts()).isEqualTo(1500);
    assertThat(dts.pts()).isEqualTo(3000);
  }

  @Test
  void missingDtsIsTakenFromPts() {
    MonotonicDts dts = new MonotonicDts();
    dts.fix(5000, AV_NOPTS_VALUE);
    assertThat(dts.dts()).isEqualTo(5000);
    dts.fix(AV_NOPTS_VALUE, AV_NOPTS_VALUE);
    assertThat(dts.dts()).isEqualTo(5001);
  }

  @Test
  void dtsBeyondPtsBecomesTheMiddleValue() {
    MonotonicDts dts = new MonotonicDts();
    dts.fix(1000, 1000);
    // pts 2000, dts 9000, previous + 1 = 1001: the middle of the three is 2000.
    dts.fix(2000, 9000);
    assertThat(dts.dts()).isEqualTo(2000);
    assertThat(dts.pts()).isEqualTo(2000);
  }
}
