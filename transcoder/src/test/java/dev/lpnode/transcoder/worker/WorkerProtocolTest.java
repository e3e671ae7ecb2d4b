package dev.lpnode.transcoder.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpnode.config.ladder.LadderParser;
import dev.lpnode.transcoder.TranscodeRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerProtocolTest {
  @ParameterizedTest(name = "checkOutput {0}")
  @ValueSource(booleans = {false, true})
  void aTranscodeMessageCarriesEveryFieldOfTheRequestToTheWorker(boolean checkOutput) throws IOException {
    TranscodeRequest sent = new TranscodeRequest("session/1", 42, new byte[] {1, 2, 3}, 2000,
        LadderParser.parsePresets("P144p30fps16x9,P240p30fps16x9"), Duration.ofMillis(3456), checkOutput);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WorkerProtocol.writeTranscode(new DataOutputStream(bytes), 7, sent);

    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(in.readByte()).isEqualTo(WorkerProtocol.TRANSCODE);
    WorkerProtocol.Transcode received = WorkerProtocol.readTranscode(in);
    assertThat(received.id()).isEqualTo(7);
    TranscodeRequest r = received.request();
    assertThat(r.sessionId()).isEqualTo("session/1");
    assertThat(r.seq()).isEqualTo(42);
    assertThat(r.segment()).containsExactly(1, 2, 3);
    assertThat(r.durationMs()).isEqualTo(2000);
    assertThat(r.profiles()).isEqualTo(sent.profiles());
    assertThat(r.timeout()).isEqualTo(Duration.ofMillis(3456));
    assertThat(r.checkOutput()).isEqualTo(checkOutput);
    assertThat(in.available()).isZero();
  }
}
