package dev.lpnode.gateway.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {
  private static final RtmpLimits LIMITS = new RtmpLimits(Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), 65536, 1 << 20, 8, 2 << 20, 10, 4);

  private final List<RtmpMessage> messages = new ArrayList<>();
  private final ChunkDecoder decoder = new ChunkDecoder(LIMITS);

  private void feed(byte[] bytes) throws Exception {
    decoder.feed(bytes, 0, bytes.length, messages::add);
  }

  private static byte[] payload(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void reassemblesAMessageSplitIntoChunksOfTheDefaultSize() throws Exception {
    byte[] body = payload(300);
    feed(new ChunkWriter().message(6, 1000, RtmpMessage.VIDEO, 1, body, 128).toByteArray());

    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.typeId()).isEqualTo(RtmpMessage.VIDEO);
      assertThat(m.streamId()).isEqualTo(1);
      assertThat(m.timestamp()).isEqualTo(1000);
      assertThat(m.payload()).isEqualTo(body);
    });
  }

  @Test
  void appliesDeltasOfType1And2HeadersAndRepeatsThemWithType3() throws Exception {
    ChunkWriter w = new ChunkWriter()
        .header(0, 4, 100, 2, RtmpMessage.AUDIO, 1, false).bytes(1, 2)
        .header(1, 4, 23, 3, RtmpMessage.AUDIO, 0, false).bytes(3, 4, 5)
        .header(2, 4, 21, 0, 0, 0, false).bytes(6, 7, 8)
        .header(3, 4, 0, 0, 0, 0, false).bytes(9, 10, 11); // a new message: same length, same delta
    feed(w.toByteArray());

    assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(100L, 123L, 144L, 165L);
    assertThat(messages).extracting(m -> m.payload().length).containsExactly(2, 3, 3, 3);
    assertThat(messages).extracting(RtmpMessage::streamId).containsOnly(1);
  }

  @Test
  void readsExtendedTimestampsIncludingOnContinuationChunks() throws Exception {
    byte[] body = payload(200);
    feed(new ChunkWriter().message(6, 0x1234567L, RtmpMessage.VIDEO, 1, body, 128).toByteArray());

    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.timestamp()).isEqualTo(0x1234567L);
      assertThat(m.payload()).isEqualTo(body);
    });
  }

  @Test
  void interleavesChunkStreamsAndFollowsSetChunkSizeAndAbort() throws Exception {
    byte[] video = payload(300);
    byte[] audio = payload(150);
    ChunkWriter w = new ChunkWriter()
        .message(2, 0, RtmpMessage.SET_CHUNK_SIZE, 0, new byte[] {0, 0, 0, 100}, 128)
        .header(0, 6, 40, video.length, RtmpMessage.VIDEO, 1, false).raw(video, 0, 100)
        .header(0, 4, 40, audio.length, RtmpMessage.AUDIO, 1, false).raw(audio, 0, 100)
        .header(3, 6, 0, 0, 0, 0, false).raw(video, 100, 100)
        .header(3, 4, 0, 0, 0, 0, false).raw(audio, 100, 50)
        .header(3, 6, 0, 0, 0, 0, false).raw(video, 200, 100)
        .header(0, 5, 0, 500, RtmpMessage.DATA_AMF0, 1, false).raw(payload(100))
        .message(2, 0, RtmpMessage.ABORT, 0, new byte[] {0, 0, 0, 5}, 100)
        .header(0, 5, 0, 2, RtmpMessage.DATA_AMF0, 1, false).bytes(1, 2);
    feed(w.toByteArray());

    assertThat(messages).extracting(RtmpMessage::typeId)
        .containsExactly(RtmpMessage.AUDIO, RtmpMessage.VIDEO, RtmpMessage.DATA_AMF0);
    assertThat(messages.get(0).payload()).isEqualTo(audio);
    assertThat(messages.get(1).payload()).isEqualTo(video);
    assertThat(messages.get(2).payload()).containsExactly(1, 2);
    assertThat(decoder.chunkSize()).isEqualTo(100);
  }

  @Test
  void understandsTwoAndThreeByteChunkStreamIds() throws Exception {
    feed(new ChunkWriter().message(70, 1, RtmpMessage.AUDIO, 1, payload(10), 128)
        .message(1000, 2, RtmpMessage.AUDIO, 1, payload(10), 128).toByteArray());

    assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(1L, 2L);
  }

  @Property(tries = 200)
  void anySplitOfTheInputGivesTheSameMessages(@ForAll @IntRange(min = 1, max = 400) int piece) throws Exception {
    byte[] all = new ChunkWriter()
        .message(6, 0x1FFFFFFL, RtmpMessage.VIDEO, 1, payload(1000), 128)
        .message(4, 50, RtmpMessage.AUDIO, 1, payload(129), 128)
        .message(3, 0, RtmpMessage.COMMAND_AMF0, 0, payload(0), 128)
        .toByteArray();
    List<RtmpMessage> got = new ArrayList<>();
    ChunkDecoder d = new ChunkDecoder(LIMITS);
    for (int offset = 0; offset < all.length; offset += piece) {
      d.feed(all, offset, Math.min(piece, all.length - offset), got::add);
    }
    assertThat(got).extracting(RtmpMessage::timestamp).containsExactly(0x1FFFFFFL, 50L, 0L);
    assertThat(got.get(0).payload()).isEqualTo(payload(1000));
    assertThat(got.get(1).payload()).isEqualTo(payload(129));
    assertThat(d.bytesReceived()).isEqualTo(all.length);
  }

  @Test
  void dropsHugeChunkSizesMessagesAndTooManyChunkStreams() {
    assertThatThrownBy(() -> feed(new ChunkWriter()
        .message(2, 0, RtmpMessage.SET_CHUNK_SIZE, 0, new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 128)
        .toByteArray())).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("chunk size");
    assertThatThrownBy(() -> new ChunkDecoder(LIMITS).feed(new ChunkWriter()
        .header(0, 6, 0, 0xFFFFFF, RtmpMessage.VIDEO, 1, false).toByteArray(), 0, 12, m -> { }))
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("exceeds the limit");
    ChunkWriter many = new ChunkWriter();
    for (int csid = 2; csid < 20; csid++) {
      many.header(0, csid, 0, 1, RtmpMessage.AUDIO, 1, false).bytes(0xAF);
    }
    byte[] manyBytes = many.toByteArray();
    assertThatThrownBy(() -> new ChunkDecoder(LIMITS).feed(manyBytes, 0, manyBytes.length, m -> { }))
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("chunk streams");
  }

  @Test
  void capsTheBytesHeldForPartlyReceivedMessages() {
    ChunkWriter w = new ChunkWriter();
    for (int csid = 2; csid < 6; csid++) { // four announced 1 MiB messages hold 4 MiB > 2 MiB
      w.header(0, csid, 0, 1 << 20, RtmpMessage.VIDEO, 1, false).raw(new byte[128]);
    }
    byte[] bytes = w.toByteArray();
    assertThatThrownBy(() -> new ChunkDecoder(LIMITS).feed(bytes, 0, bytes.length, m -> { }))
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("partly received");
  }

  @Test
  void refusesAChunkStreamThatStartsWithoutAFullHeader() {
    byte[] bytes = new ChunkWriter().header(1, 5, 0, 1, RtmpMessage.AUDIO, 0, false).bytes(1).toByteArray();
    assertThatThrownBy(() -> feed(bytes)).isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("without a full");
  }

  @Property(tries = 2000)
  void garbageOnlyEverFailsAsAProtocolError(@ForAll @Size(max = 300) byte[] garbage) {
    try {
      new ChunkDecoder(LIMITS).feed(garbage, 0, garbage.length, m -> { });
    } catch (RtmpProtocolException | PublishException expected) {
      // the only ways garbage may fail
    }
  }
}
