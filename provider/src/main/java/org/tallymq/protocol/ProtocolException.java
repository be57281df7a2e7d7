package org.tallymq.protocol;

import java.io.IOException;

/**
 * Bytes that are not a well-formed Tally frame or stored message: truncated, an unknown type or
 * enum code, a length that exceeds what remains, trailing bytes, malformed UTF-8, a frame above
 * the receiver's limit. The message names the command, the field, the offset and what was
 * expected, e.g. {@code frame of type SEND (correlation id 7) truncated at offset 37, field
 * message.type: string length 100000 exceeds the 12 bytes remaining}.
 *
 * <p>A connection that receives such a frame cannot trust anything after it (the stream may be
 * out of sync) and should be closed with {@link ErrorCode#PROTOCOL}; the broker keeps running.
 */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
