package org.tallymq.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class XidDataTest {

    @Test
    @DisplayName("equal by format id and bytes; stored form round-trips; parts are copied")
    void valueSemantics() {
        byte[] g = {1, 2, 3};
        XidData a = XidData.of(7, g, new byte[]{9});
        g[0] = 42;
        XidData b = XidData.of(7, new byte[]{1, 2, 3}, new byte[]{9});
        assertEquals(a, b, "changing the caller's array afterwards does not change the Xid");
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, XidData.of(8, new byte[]{1, 2, 3}, new byte[]{9}));
        assertNotEquals(a, XidData.of(7, new byte[]{1, 2, 3}, new byte[]{}));
        assertEquals(a, XidData.fromBytes(a.toBytes()));
        assertEquals("7:010203:09", a.toString());
        XidData max = XidData.of(-2, new byte[64], new byte[64]);
        assertEquals(max, XidData.fromBytes(max.toBytes()));
    }

    @Test
    @DisplayName("XA limits: global id 1..64 bytes, qualifier 0..64, format id -1 is the null XID")
    void limits() {
        assertThrows(IllegalArgumentException.class, () -> XidData.of(1, new byte[0], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> XidData.of(1, new byte[65], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> XidData.of(1, new byte[1], new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> XidData.of(-1, new byte[1], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> XidData.of(1, null, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> XidData.fromBytes(new byte[]{0, 0, 0, 1, 9}));
    }

    @Test
    @DisplayName("a frame carrying a 65-byte global transaction id is rejected by the decoder, naming the field")
    void decoderChecksTheLimits() {
        byte[] frame = Codec.encode(new Frame(5, new Command.XaPrepare(XidData.of(1, new byte[64], new byte[0]))));
        // body after the length prefix: type(1) correlationId(8) formatId(4) gtrid length(4) ...
        ByteBuffer body = ByteBuffer.wrap(frame, 4, frame.length - 4).slice();
        body.putInt(13, 65);
        byte[] grown = new byte[body.capacity() + 1];
        body.get(0, grown, 0, body.capacity());
        // the extra byte makes the 65-byte id fit the frame, so only the XA limit can reject it
        ProtocolException e = assertThrows(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(grown), 1 << 20));
        assertTrue(e.getMessage().contains("xid"), e.getMessage());
    }
}
