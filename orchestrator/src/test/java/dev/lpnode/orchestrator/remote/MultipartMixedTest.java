package dev.lpnode.orchestrator.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multipart/mixed bodies remote transcoders post, as go-livepeer's transcoder writes them, and broken ones. */
class MultipartMixedTest {
  private static final String BOUNDARY = "0123456789abcdef0123";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsEachPartWithItsHeadersAndExactBytes() throws Exception {
    byte[] body = bytes("--" + BOUNDARY + "\r\nContent-Type: video/mp2t\r\nContent-Length: 5\r\nPixels: 42\r\n\r\nab\r\nc"
        + "\r\n--" + BOUNDARY + "\r\nContent-Type: video/mp4\r\nPixels: 7\r\n\r\n"
        + "\r\n--" + BOUNDARY + "--\r\nepilogue");

    List<MultipartMixed.Part> parts = MultipartMixed.parse(body, BOUNDARY);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).header("Content-Type")).hasValue("video/mp2t");
    assertThat(parts.get(0).header("pixels")).hasValue("42");
    assertThat(parts.get(0).body()).isEqualTo(bytes("ab\r\nc"));
    assertThat(parts.get(1).header("content-type")).hasValue("video/mp4");
    assertThat(parts.get(1).body()).isEmpty();
  }

  @Test
  void findsTheBoundaryOnlyInAMultipartMixedContentType() {
    assertThat(MultipartMixed.boundary("multipart/mixed; boundary=" + BOUNDARY)).hasValue(BOUNDARY);
    assertThat(MultipartMixed.boundary("Multipart/Mixed; charset=x; boundary=\"a b\"")).hasValue("a b");
    assertThat(MultipartMixed.boundary("multipart/form-data; boundary=x")).isEmpty();
    assertThat(MultipartMixed.boundary("multipart/mixed")).isEmpty();
    assertThat(MultipartMixed.boundary("multipart/mixed; boundary=")).isEmpty();
    assertThat(MultipartMixed.boundary("multipart/mixed; boundary=" + "x".repeat(71))).isEmpty();
    assertThat(MultipartMixed.boundary(null)).isEmpty();
  }

  @Test
  void refusesBodiesThatAreNotWellFormed() {
    assertThatThrownBy(() -> MultipartMixed.parse(bytes("garbage"), BOUNDARY))
        .isInstanceOf(MultipartMixed.MalformedException.class).hasMessage("no opening boundary");
    assertThatThrownBy(() -> MultipartMixed.parse(bytes("--" + BOUNDARY + "\r\nPixels: 1\r\n\r\ntruncated rendition"), BOUNDARY))
        .isInstanceOf(MultipartMixed.MalformedException.class).hasMessage("part 1 is not closed by a boundary");
    assertThatThrownBy(() -> MultipartMixed.parse(bytes("--" + BOUNDARY + "\r\nno colon here\r\n\r\nx\r\n--" + BOUNDARY + "--"),
        BOUNDARY)).isInstanceOf(MultipartMixed.MalformedException.class).hasMessage("bad part header line");
    assertThatThrownBy(() -> MultipartMixed.parse(bytes("--" + BOUNDARY + "\r\nPixels: 1" + "x".repeat(10_000)), BOUNDARY))
        .isInstanceOf(MultipartMixed.MalformedException.class).hasMessage("part 1 has no end of headers");
  }
}
