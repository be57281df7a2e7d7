package org.tallymq.client;

import java.io.UTFDataFormatException;

/**
 * Modified UTF-8 as {@link java.io.DataInput} defines it: each UTF-16 unit in 1 byte
 * (U+0001..U+007F), 2 bytes (U+0000, U+0080..U+07FF) or 3 bytes (the rest), so every Java String,
 * unpaired surrogates included, round-trips exactly. Used by {@link BodyCodec} and by
 * {@code BytesMessage.writeUTF/readUTF}.
 *
 * <p>Threading: stateless.
 */
final class ModifiedUtf8 {

    private ModifiedUtf8() {
    }

    /** The number of bytes {@link #encode} writes for {@code s}. */
    static long encodedLength(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }

    /** Writes {@code s} at {@code dst[off]}; the caller made room for {@link #encodedLength}; returns the new offset. */
    static int encode(String s, byte[] dst, int off) {
        int p = off;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                dst[p++] = (byte) c;
            } else if (c <= 0x07FF) {
                dst[p++] = (byte) (0xC0 | (c >> 6));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            } else {
                dst[p++] = (byte) (0xE0 | (c >> 12));
                dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /**
     * Decodes {@code len} bytes at {@code src[off]}; the caller has checked that they exist.
     *
     * @throws UTFDataFormatException naming the offset of a byte that is not valid modified UTF-8
     */
    static String decode(byte[] src, int off, int len) throws UTFDataFormatException {
        char[] chars = new char[len];
        int count = 0;
        int p = off;
        int end = off + len;
        while (p < end) {
            int c = src[p] & 0xFF;
            if (c < 0x80) {
                chars[count++] = (char) c;
                p++;
            } else if ((c & 0xE0) == 0xC0) {
                checkContinuation(src, p, 1, end);
                chars[count++] = (char) (((c & 0x1F) << 6) | (src[p + 1] & 0x3F));
                p += 2;
            } else if ((c & 0xF0) == 0xE0) {
                checkContinuation(src, p, 2, end);
                chars[count++] = (char) (((c & 0x0F) << 12) | ((src[p + 1] & 0x3F) << 6) | (src[p + 2] & 0x3F));
                p += 3;
            } else {
                throw new UTFDataFormatException("byte 0x" + Integer.toHexString(c) + " at offset " + (p - off)
                        + " cannot start a modified UTF-8 sequence");
            }
        }
        return new String(chars, 0, count);
    }

    private static void checkContinuation(byte[] src, int start, int n, int end) throws UTFDataFormatException {
        if (start + n >= end) {
            throw new UTFDataFormatException("a modified UTF-8 sequence is cut off by the end of the string");
        }
        for (int i = 1; i <= n; i++) {
            int c = src[start + i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                throw new UTFDataFormatException("byte 0x" + Integer.toHexString(c)
                        + " is not a modified UTF-8 continuation byte");
            }
        }
    }
}
