package dev.lpnode.gateway.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Amf0Test {
  @Test
  void roundTripsWhatTheServerSends() throws Exception {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("level", "status");
    info.put("code", "NetConnection.Connect.Success");
    info.put("objectEncoding", 0.0);
    info.put("nested", Map.of("ok", true));
    byte[] bytes = Amf0.encode("_result", 1.0, null, Amf0.UNDEFINED_VALUE, info);

    assertThat(Amf0.decodeAll(bytes, 0)).containsExactly("_result", 1.0, null, null, info);
  }

  @Test
  void decodesEcmaArraysStrictArraysLongStringsAndDates() throws Exception {
    byte[] bytes = {
        0x08, 0, 0, 0, 1, 0, 1, 'w', 0, 0x40, 0x59, 0, 0, 0, 0, 0, 0, 0, 0, 0x09, // ECMA array {w: 100.0}
        0x0A, 0, 0, 0, 2, 0x01, 0x01, 0x05,                                      // strict array [true, null]
        0x0C, 0, 0, 0, 2, 'h', 'i',                                              // long string "hi"
        0x0B, 0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0, 0, 0};                        // date 1.0, time zone 0

    List<Object> values = Amf0.decodeAll(bytes, 0);

    assertThat(values).hasSize(4);
    assertThat(values.get(0)).isEqualTo(Map.of("w", 100.0));
    assertThat(values.get(1)).isEqualTo(java.util.Arrays.asList(true, null));
    assertThat(values.get(2)).isEqualTo("hi");
    assertThat(values.get(3)).isEqualTo(1.0);
  }

  @Test
  void rejectsUnknownMarkersTruncationHugeCountsAndDeepNesting() {
    assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x11, 0x02}, 0)) // AMF3 switch
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("0x11");
    assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x02, 0x7F, 0x7F, 'a'}, 0))
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Amf0.decodeAll(new byte[] {0x0A, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x05}, 0))
        .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("strict array");
    java.io.ByteArrayOutputStream nested = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      nested.writeBytes(new byte[] {0x0A, 0, 0, 0, 1}); // a strict array of one value, which is ...
    }
    nested.write(0x05);
    byte[] deep = nested.toByteArray();
    assertThatThrownBy(() -> Amf0.decodeAll(deep, 0)).isInstanceOf(RtmpProtocolException.class)
        .hasMessageContaining("nesting");
  }

  @Property(tries = 2000)
  void garbageOnlyEverFailsAsAProtocolError(@ForAll @Size(max = 64) byte[] garbage) {
    try {
      Amf0.decodeAll(garbage, 0);
    } catch (RtmpProtocolException expected) {
      // the only way garbage may fail
    }
  }
}
