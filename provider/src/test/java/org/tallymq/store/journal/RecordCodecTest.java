package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    /** Every byte distinct and non-zero, so a wrong shift or a swapped field shows. */
    private static final long ID = 0x0102030405060708L;
    private static final long TX = 0xF1E2D3C4B5A69788L;
    private static final long SEGMENT = 0x1122334455667788L;

    private static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static List<JournalRecord> everyType(long id, long tx, byte userType, byte[] p) {
        return List.of(
                JournalRecord.add(id, userType, p),
                JournalRecord.update(id, p),
                JournalRecord.delete(id),
                JournalRecord.txAdd(tx, id, userType, p),
                JournalRecord.txUpdate(tx, id, p),
                JournalRecord.txDelete(tx, id),
                JournalRecord.prepare(tx, 0x7A6B5C4D, SEGMENT ^ 0x0F0F0F0F0F0F0F0FL, p),
                JournalRecord.commit(tx, 0x7A6B5C4D, SEGMENT),
                JournalRecord.rollback(tx),
                JournalRecord.snapshot(id, userType, p, List.of(p, new byte[0], new byte[] {(byte) 0xFF})));
    }

    private static JournalRecord roundTrip(JournalRecord r, long segment) throws BadRecordException {
        ByteBuffer b = ByteBuffer.allocate(RecordCodec.encodedSize(r));
        RecordCodec.encode(r, segment, b);
        assertEquals(b.capacity(), b.position(), "encodedSize matches what encode wrote for " + r);
        return RecordCodec.decode(b, 0, b.capacity(), segment, true);
    }

    @Test
    @DisplayName("every record type round-trips with values that fill every byte (incl. negative and extreme values)")
    void roundTripEveryType() throws Exception {
        for (long id : new long[] {ID, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0}) {
            for (byte ut : new byte[] {(byte) 0x80, (byte) 0xFF, 0x7F, 0}) {
                for (JournalRecord r : everyType(id, TX ^ id, ut, allBytes())) {
                    assertEquals(r, roundTrip(r, SEGMENT));
                }
                for (JournalRecord r : everyType(id, TX, ut, new byte[0])) {
                    assertEquals(r, roundTrip(r, 1));
                }
            }
        }
    }

    @Test
    @DisplayName("header round-trips; wrong magic, version, CRC and short header are reported with the file")
    void header() throws Exception {
        Path f = Path.of("tally-x.jnl");
        ByteBuffer h = RecordCodec.encodeHeader(SEGMENT);
        assertEquals(SEGMENT, RecordCodec.decodeHeader(h, 32, f));
        ByteBuffer v = RecordCodec.encodeHeader(5);
        v.putShort(4, (short) 3).putInt(28, RecordCodec.crc(v, 0, 28));
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class, () -> RecordCodec.decodeHeader(v, 32, f));
        assertTrue(e.getMessage().contains("unable to read journal format version 3; this build reads version 1"), e.getMessage());
        assertEquals(JournalCorruptedException.BAD_HEADER, e.code());
        ByteBuffer m = RecordCodec.encodeHeader(5);
        m.put(0, (byte) 'X');
        assertTrue(assertThrows(JournalCorruptedException.class, () -> RecordCodec.decodeHeader(m, 32, f)).getMessage().contains("magic"));
        ByteBuffer c = RecordCodec.encodeHeader(5);
        c.put(9, (byte) 1);
        assertTrue(assertThrows(JournalCorruptedException.class, () -> RecordCodec.decodeHeader(c, 32, f)).getMessage().contains("CRC"));
        assertThrows(JournalCorruptedException.class, () -> RecordCodec.decodeHeader(RecordCodec.encodeHeader(5), 31, f));
    }

    @Test
    @DisplayName("property: 2000 random records of random types and sizes round-trip (seed 42)")
    void randomRoundTrip() throws Exception {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] p = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(5000) : rnd.nextInt(40)];
            rnd.nextBytes(p);
            List<JournalRecord> all = everyType(rnd.nextLong(), rnd.nextLong(), (byte) rnd.nextInt(), p);
            JournalRecord r = all.get(rnd.nextInt(all.size()));
            long seg = 1 + (rnd.nextLong() >>> 1);
            assertEquals(r, roundTrip(r, seg));
        }
    }

    @Test
    @DisplayName("every prefix of a record is rejected as too short, never read past the bytes available")
    void everyPrefixRejected() throws Exception {
        for (JournalRecord r : everyType(ID, TX, (byte) 7, allBytes())) {
            ByteBuffer b = ByteBuffer.allocate(RecordCodec.encodedSize(r));
            RecordCodec.encode(r, 3, b);
            for (int n = 1; n < b.capacity(); n++) {
                ByteBuffer prefix = ByteBuffer.allocate(n).put(0, b, 0, n);
                if (RecordCodec.allZero(prefix, 0, n)) {
                    // the high bytes of a small length are zero: a few zero bytes at the end of a file are end-of-data
                    assertNull(RecordCodec.decode(prefix, 0, n, 3, true));
                    continue;
                }
                int available = n;
                assertThrows(BadRecordException.class, () -> RecordCodec.decode(prefix, 0, available, 3, true),
                        "prefix of " + n + " bytes of " + r);
            }
        }
    }

    @Test
    @DisplayName("every single bit flip in every record type is detected")
    void everyBitFlipDetected() throws Exception {
        for (JournalRecord r : everyType(ID, TX, (byte) 7, new byte[] {1, 2, 3})) {
            ByteBuffer b = ByteBuffer.allocate(RecordCodec.encodedSize(r));
            RecordCodec.encode(r, 3, b);
            for (int bit = 0; bit < b.capacity() * 8; bit++) {
                ByteBuffer f = ByteBuffer.allocate(b.capacity() + 64).put(0, b, 0, b.capacity());
                f.put(bit / 8, (byte) (f.get(bit / 8) ^ (1 << (bit % 8))));
                int flipped = bit;
                try {
                    JournalRecord d = RecordCodec.decode(f, 0, f.capacity(), 3, true);
                    // a flip that clears the whole length field reads as end-of-data, never as another record
                    assertNull(d, "bit " + flipped + " of " + r + " decoded as " + d);
                } catch (BadRecordException expected) {
                    // detected
                }
            }
        }
    }

    @Test
    @DisplayName("a record stamped with another segment is rejected (a reused or misplaced file never resurrects data)")
    void stampChecked() throws Exception {
        JournalRecord r = JournalRecord.add(1, (byte) 1, new byte[] {1});
        ByteBuffer b = ByteBuffer.allocate(RecordCodec.encodedSize(r));
        RecordCodec.encode(r, 7, b);
        BadRecordException e = assertThrows(BadRecordException.class, () -> RecordCodec.decode(b, 0, b.capacity(), 8, true));
        assertTrue(e.getMessage().contains("stamped with segment 7"), e.getMessage());
    }

    @Test
    @DisplayName("lengths from disk are checked before allocation: huge record and snapshot inner lengths are rejected")
    void lengthsChecked() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(0, Integer.MAX_VALUE).put(4, RecordType.ADD.code());
        BadRecordException e = assertThrows(BadRecordException.class, () -> RecordCodec.decode(b, 0, 64, 1, true));
        assertTrue(e.getMessage().contains("impossible"), e.getMessage());
        assertEquals("ADD", e.recordType());
        // a SNAPSHOT whose inner payload length lies, with a valid CRC over the lie
        JournalRecord s = JournalRecord.snapshot(5, (byte) 1, new byte[10], List.of(new byte[3]));
        ByteBuffer sb = ByteBuffer.allocate(RecordCodec.encodedSize(s));
        RecordCodec.encode(s, 1, sb);
        for (int[] lie : new int[][] {{13 + 9, Integer.MAX_VALUE}, {13 + 9, -1}, {13 + 13 + 10, 1 << 30}, {13 + 13 + 10 + 4, 1 << 20}}) {
            ByteBuffer c = ByteBuffer.allocate(sb.capacity()).put(0, sb, 0, sb.capacity());
            c.putInt(lie[0], lie[1]);
            c.putInt(c.capacity() - 4, RecordCodec.crc(c, 0, c.capacity() - 4));
            BadRecordException x = assertThrows(BadRecordException.class, () -> RecordCodec.decode(c, 0, c.capacity(), 1, true));
            assertEquals("SNAPSHOT", x.recordType());
        }
        // fixed-size bodies must be exact
        ByteBuffer d = ByteBuffer.allocate(RecordCodec.RECORD_OVERHEAD + 9);
        d.putInt(0, d.capacity()).put(4, RecordType.DELETE.code()).putLong(5, 1);
        d.putInt(d.capacity() - 4, RecordCodec.crc(d, 0, d.capacity() - 4));
        assertTrue(assertThrows(BadRecordException.class, () -> RecordCodec.decode(d, 0, d.capacity(), 1, true))
                .getMessage().contains("exactly 8"));
    }

    @Test
    @DisplayName("file names sort by sequence and parse back; other names are ignored")
    void fileNames() {
        List<String> names = new ArrayList<>();
        for (long s : new long[] {1, 9, 10, 123456789012L}) {
            names.add(RecordCodec.fileName(s));
            assertEquals(s, RecordCodec.segmentOf(RecordCodec.fileName(s)));
        }
        assertEquals(names, names.stream().sorted().toList());
        assertEquals(-1, RecordCodec.segmentOf("tally-1.jnl.tmp"));
        assertEquals(-1, RecordCodec.segmentOf("tally-.jnl"));
        assertEquals(-1, RecordCodec.segmentOf("tally-x1.jnl"));
    }
}
