package org.tallymq.store.journal;

import java.util.List;

/**
 * A committed record that is live after replay: its payload as added and every update in the order the
 * updates took effect. Arrays are owned by the receiver.
 */
public record LiveRecord(long recordId, byte userType, byte[] payload, List<byte[]> updates) {
}
