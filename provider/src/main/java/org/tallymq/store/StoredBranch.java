package org.tallymq.store;

import java.util.List;
import org.tallymq.protocol.XidData;

/**
 * A prepared XA branch, as replayed from the store: in doubt until its COMMIT or ROLLBACK.
 *
 * @param txId    the store's transaction id of the branch
 * @param xid     the branch's XA identifier
 * @param sends   messages the branch sent: they exist only if it commits
 * @param deletes record ids of messages the branch consumed: gone if it commits, back in their queue
 *                if it rolls back; locked until then
 */
public record StoredBranch(long txId, XidData xid, List<StoredMessage> sends, long[] deletes) {
}
