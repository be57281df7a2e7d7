package org.tallymq.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import javax.transaction.xa.Xid;

/**
 * An XA branch identifier as an immutable value: equal when format id, global transaction id and
 * branch qualifier are equal byte for byte (the XA specification's identity of a branch), whatever
 * {@link Xid} implementation it was copied from. Thread-safe.
 *
 * <p>On the wire and in the journal: int formatId, then the global transaction id and the branch
 * qualifier as {@code bytes} (int32 length, then the bytes); 1..64 and 0..64 bytes
 * ({@link Xid#MAXGTRIDSIZE}, {@link Xid#MAXBQUALSIZE}).
 */
public final class XidData implements Xid {

    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;
    private final int hash;

    private XidData(int formatId, byte[] gtrid, byte[] bqual) {
        this.formatId = formatId;
        this.gtrid = gtrid;
        this.bqual = bqual;
        this.hash = 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    /**
     * @throws IllegalArgumentException when a part is null or longer than XA allows, or the format id
     *                                  is -1 (the XA "null XID")
     */
    public static XidData of(int formatId, byte[] gtrid, byte[] bqual) {
        String bad = check(formatId, gtrid, bqual);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        return new XidData(formatId, gtrid.clone(), bqual.clone());
    }

    /** A copy of {@code xid} as a value; see {@link #of(int, byte[], byte[])}. */
    public static XidData of(Xid xid) {
        if (xid == null) {
            throw new IllegalArgumentException("the Xid is null");
        }
        if (xid instanceof XidData d) {
            return d;
        }
        return of(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    /** Why these parts are not a valid Xid, or null when they are. */
    static String check(int formatId, byte[] gtrid, byte[] bqual) {
        if (formatId == -1) {
            return "Xid format id -1 is the XA null XID, which names no transaction";
        }
        if (gtrid == null || gtrid.length == 0 || gtrid.length > MAXGTRIDSIZE) {
            return "Xid global transaction id must be 1.." + MAXGTRIDSIZE + " bytes, not "
                    + (gtrid == null ? "null" : gtrid.length);
        }
        if (bqual == null || bqual.length > MAXBQUALSIZE) {
            return "Xid branch qualifier must be 0.." + MAXBQUALSIZE + " bytes, not " + (bqual == null ? "null" : bqual.length);
        }
        return null;
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    /** The global transaction id without copying; callers must not modify it. */
    byte[] gtrid() {
        return gtrid;
    }

    /** The branch qualifier without copying; callers must not modify it. */
    byte[] bqual() {
        return bqual;
    }

    /** The bytes the journal keeps for this Xid: formatId (4), gtrid length (1), gtrid, bqual. */
    public byte[] toBytes() {
        byte[] b = new byte[5 + gtrid.length + bqual.length];
        b[0] = (byte) (formatId >>> 24);
        b[1] = (byte) (formatId >>> 16);
        b[2] = (byte) (formatId >>> 8);
        b[3] = (byte) formatId;
        b[4] = (byte) gtrid.length;
        System.arraycopy(gtrid, 0, b, 5, gtrid.length);
        System.arraycopy(bqual, 0, b, 5 + gtrid.length, bqual.length);
        return b;
    }

    /** The inverse of {@link #toBytes()}. @throws IllegalArgumentException when {@code b} is not such bytes */
    public static XidData fromBytes(byte[] b) {
        if (b == null || b.length < 6 || (b[4] & 0xFF) > b.length - 5) {
            throw new IllegalArgumentException("not a stored Xid: " + (b == null ? "null" : b.length + " bytes"));
        }
        int formatId = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int g = b[4] & 0xFF;
        return of(formatId, Arrays.copyOfRange(b, 5, 5 + g), Arrays.copyOfRange(b, 5 + g, b.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XidData x && x.formatId == formatId && Arrays.equals(x.gtrid, gtrid) && Arrays.equals(x.bqual, bqual);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code formatId:gtridHex:bqualHex}, the form logs and tools print. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual);
    }
}
