package org.tallymq.store;

import org.tallymq.protocol.XidData;

/**
 * An XA branch that an operator completed by hand while it was prepared: the outcome the broker
 * applied, kept (and reported by recover) until the transaction manager forgets the branch.
 *
 * @param recordId  the store's id of this record
 * @param committed true for a heuristic commit, false for a heuristic rollback
 */
public record StoredHeuristic(long recordId, XidData xid, boolean committed) {
}
