package org.tallymq.protocol;

import java.nio.ByteBuffer;

/**
 * UTF-8 without intermediate arrays: the encoded length of a string, writing it straight into a
 * buffer, and a strict well-formedness check for bytes read from the wire (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), so that decoding followed by encoding gives back
 * the same bytes. An unpaired surrogate in a Java string is encoded as {@code '?'}, as
 * {@link String#getBytes(java.nio.charset.Charset)} does. Stateless; safe from any thread.
 */
final class Utf8 {

    private Utf8() {
    }

    /** @return the number of bytes {@link #write} produces for {@code s} (a long: 3 x chars may pass 2^31) */
    static long encodedLength(String s) {
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (Character.isSurrogate(c)) {
                // unpaired: written as '?', one byte
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** Writes {@code s} as UTF-8 at the buffer's position, advancing it; the caller checked the room. */
    static void write(String s, ByteBuffer out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /**
     * @return -1 if {@code a[off, off + len)} is well-formed UTF-8, else the index (relative to
     *         {@code off}) of the first byte of the first ill-formed sequence
     */
    static int firstMalformed(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = a[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int need;
            int min2 = 0x80;  // allowed range of the second byte (Unicode Table 3-7)
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    min2 = 0xA0;  // overlong
                } else if (b == 0xED) {
                    max2 = 0x9F;  // surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    min2 = 0x90;  // overlong
                } else if (b == 0xF4) {
                    max2 = 0x8F;  // above U+10FFFF
                }
            } else {
                return i - off;   // continuation byte without a lead, C0, C1, F5..FF
            }
            if (end - i <= need) {
                return i - off;   // sequence cut short by the end of the string
            }
            int second = a[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i - off;
            }
            for (int k = 2; k <= need; k++) {
                if ((a[i + k] & 0xC0) != 0x80) {
                    return i - off;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}
