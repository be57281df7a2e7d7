package org.tallymq.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.protocol.ProtocolException;

/** The store records of delivery policies (StoreCodec byte table): round trips with values that fill every byte, and malformed input. */
class StoreCodecPolicyRecordsTest {

    @Test
    @DisplayName("delivery-count update: 4 bytes without a not-before time, 12 bytes with one; both read back")
    void deliveriesWithNotBefore() throws ProtocolException {
        byte[] plain = StoreCodec.encodeDeliveries(0x01020304, 0);
        assertEquals(4, plain.length);
        assertEquals(0x01020304, StoreCodec.decodeDeliveries(1, plain));
        assertEquals(0, StoreCodec.decodeNotBefore(1, plain));
        long at = 0x0A0B0C0D0E0F1011L;
        byte[] delayed = StoreCodec.encodeDeliveries(0x7F6F5F4F, at);
        assertEquals(12, delayed.length);
        assertArrayEquals(new byte[]{0x7F, 0x6F, 0x5F, 0x4F, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11}, delayed);
        assertEquals(0x7F6F5F4F, StoreCodec.decodeDeliveries(1, delayed));
        assertEquals(at, StoreCodec.decodeNotBefore(1, delayed));
        ProtocolException e = assertThrows(ProtocolException.class, () -> StoreCodec.decodeNotBefore(9, new byte[8]));
        assertTrue(e.getMessage().contains("record 9") && e.getMessage().contains("expected 4 or 12"), e.getMessage());
    }

    @Test
    @DisplayName("DUPLICATE_ID record: queue and topic, non-ASCII names and ids, round trip")
    void duplicateIdRoundTrip() throws ProtocolException {
        for (StoredDuplicateId d : new StoredDuplicateId[]{
                new StoredDuplicateId(Long.MAX_VALUE, false, "orders.eu", "id-1"),
                new StoredDuplicateId(0x0102030405060708L, true, "préis.ñews", "日本-\u0000-" + "x".repeat(300))}) {
            byte[] bytes = StoreCodec.encodeDuplicateId(d);
            assertEquals(d, StoreCodec.decodeDuplicateId(d.recordId(), bytes));
        }
    }

    @Test
    @DisplayName("DUPLICATE_ID record: every truncation, a bad kind, a bad version and trailing bytes are refused with what and where")
    void duplicateIdMalformed() {
        byte[] good = StoreCodec.encodeDuplicateId(new StoredDuplicateId(5, false, "q", "abc"));
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            ProtocolException e = assertThrows(ProtocolException.class, () -> StoreCodec.decodeDuplicateId(5, cut), "cut at " + n);
            assertTrue(e.getMessage().contains("duplicate-id record 5"), e.getMessage());
        }
        byte[] kind = good.clone();
        kind[1] = 7;
        assertTrue(assertThrows(ProtocolException.class, () -> StoreCodec.decodeDuplicateId(5, kind)).getMessage()
                .contains("unknown destination kind 7"));
        byte[] version = good.clone();
        version[0] = 2;
        assertTrue(assertThrows(ProtocolException.class, () -> StoreCodec.decodeDuplicateId(5, version)).getMessage()
                .contains("payload version 2"));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(ProtocolException.class, () -> StoreCodec.decodeDuplicateId(5, longer)).getMessage()
                .contains("1 bytes after the last field"));
    }
}
