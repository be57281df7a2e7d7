package org.tallymq.broker;

import org.tallymq.protocol.Command;
import org.tallymq.protocol.ErrorCode;

/**
 * Rejects commands whose required fields are missing before any handler sees them. The codec lets
 * null through for every reference field (that is the wire's business), so a peer can send a SEND
 * with no message or an ACK with no id list; such a command is a protocol violation, and the
 * connection is closed after the answer.
 */
final class Validation {

    private Validation() {
    }

    static void check(Command c) throws BrokerException {
        if (c instanceof Command.Send s) {
            require(s.message(), "message", c);
            require(s.message().destination(), "message.destination", c);
        } else if (c instanceof Command.Ack a) {
            require(a.deliveryIds(), "deliveryIds", c);
        } else if (c instanceof Command.Recover r) {
            require(r.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.Commit cm) {
            require(cm.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.Rollback rb) {
            require(rb.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.CloseSession cs) {
            require(cs.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.CloseConsumer cc) {
            require(cc.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.CreateSession cs) {
            require(cs.mode(), "mode", c);
        } else if (c instanceof Command.CreateConsumer cc) {
            require(cc.destination(), "destination", c);
            if (cc.prefetch() < 1) {
                throw new BrokerException(ErrorCode.PROTOCOL, "CreateConsumer with prefetch " + cc.prefetch() + "; expected at least 1");
            }
        } else if (c instanceof Command.Browse b) {
            require(b.queue(), "queue", c);
        } else if (c instanceof Command.CreateTemporary t) {
            require(t.destination(), "destination", c);
        } else if (c instanceof Command.DeleteTemporary t) {
            require(t.destination(), "destination", c);
        } else if (c instanceof Command.SetClientId s) {
            require(s.clientId(), "clientId", c);
        } else if (c instanceof Command.XaStart x) {
            require(x.xid(), "xid", c);
        } else if (c instanceof Command.XaEnd x) {
            require(x.xid(), "xid", c);
            require(x.consumedDeliveryIds(), "consumedDeliveryIds", c);
        } else if (c instanceof Command.XaPrepare x) {
            require(x.xid(), "xid", c);
        } else if (c instanceof Command.XaCommit x) {
            require(x.xid(), "xid", c);
        } else if (c instanceof Command.XaRollback x) {
            require(x.xid(), "xid", c);
        } else if (c instanceof Command.XaForget x) {
            require(x.xid(), "xid", c);
        } else if (c instanceof Command.Unsubscribe u) {
            require(u.subscriptionName(), "subscriptionName", c);
        } else if (c instanceof Command.Deliver || c instanceof Command.ConnectionClosedByBroker || c instanceof Command.Reply) {
            throw new BrokerException(ErrorCode.PROTOCOL, "a client may not send " + c.getClass().getSimpleName());
        }
    }

    private static void require(Object field, String name, Command c) throws BrokerException {
        if (field == null) {
            throw new BrokerException(ErrorCode.PROTOCOL, c.getClass().getSimpleName() + " without its " + name);
        }
    }
}
