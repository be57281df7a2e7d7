package org.tallymq.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The one-byte type code of every command on the wire (see the table in {@link Codec}). Codes are
 * stable forever: a code is never reused, even for a command a later version removes. Ranges:
 * 0x01-0x3F requests, 0x40-0x5F pushed by the broker, 0x60-0x7F replies, 0x80-0xFF reserved;
 * 0x00 is never valid (it catches zeroed memory and streams that are out of sync).
 */
enum CommandType {
    CONNECT(0x01, Command.Connect.class),
    SET_CLIENT_ID(0x02, Command.SetClientId.class),
    DISCONNECT(0x03, Command.Disconnect.class),
    CREATE_SESSION(0x04, Command.CreateSession.class),
    CLOSE_SESSION(0x05, Command.CloseSession.class),
    CREATE_CONSUMER(0x06, Command.CreateConsumer.class),
    CLOSE_CONSUMER(0x07, Command.CloseConsumer.class),
    CREDIT(0x08, Command.Credit.class),
    PULL(0x09, Command.Pull.class),
    SEND(0x0A, Command.Send.class),
    ACK(0x0B, Command.Ack.class),
    RECOVER(0x0C, Command.Recover.class),
    COMMIT(0x0D, Command.Commit.class),
    ROLLBACK(0x0E, Command.Rollback.class),
    BROWSE(0x0F, Command.Browse.class),
    CREATE_TEMPORARY(0x10, Command.CreateTemporary.class),
    DELETE_TEMPORARY(0x11, Command.DeleteTemporary.class),
    UNSUBSCRIBE(0x12, Command.Unsubscribe.class),
    HEARTBEAT(0x13, Command.Heartbeat.class),
    SET_STARTED(0x14, Command.SetStarted.class),
    XA_START(0x15, Command.XaStart.class),
    XA_END(0x16, Command.XaEnd.class),
    XA_PREPARE(0x17, Command.XaPrepare.class),
    XA_COMMIT(0x18, Command.XaCommit.class),
    XA_ROLLBACK(0x19, Command.XaRollback.class),
    XA_FORGET(0x1A, Command.XaForget.class),
    XA_RECOVER(0x1B, Command.XaRecover.class),
    SET_HEARTBEAT(0x1E, Command.SetHeartbeat.class), // version 2; 0x15-0x1D left to the XA commands

    DELIVER(0x40, Command.Deliver.class),
    CONNECTION_CLOSED_BY_BROKER(0x41, Command.ConnectionClosedByBroker.class),

    OK(0x60, Command.Reply.Ok.class),
    CONNECTED(0x61, Command.Reply.Connected.class),
    BROWSED(0x62, Command.Reply.Browsed.class),
    FAILED(0x63, Command.Reply.Failed.class),
    XA_RESULT(0x64, Command.Reply.XaResult.class),
    XIDS(0x65, Command.Reply.Xids.class),
    HEARTBEAT_AGREED(0x6E, Command.Reply.HeartbeatAgreed.class); // version 2

    private static final CommandType[] BY_CODE = new CommandType[256];
    private static final Map<Class<?>, CommandType> BY_CLASS = new HashMap<>();

    static {
        for (CommandType t : values()) {
            if (BY_CODE[t.code] != null) {
                throw new ExceptionInInitializerError("type code 0x" + Integer.toHexString(t.code) + " used twice");
            }
            BY_CODE[t.code] = t;
            BY_CLASS.put(t.recordClass, t);
        }
    }

    final int code;
    final Class<? extends Command> recordClass;

    CommandType(int code, Class<? extends Command> recordClass) {
        this.code = code;
        this.recordClass = recordClass;
    }

    /** @return the type with this code, or null when protocol version 1 defines none */
    static CommandType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** @throws IllegalArgumentException for a command class the codec does not know (a codec bug) */
    static CommandType of(Command command) {
        CommandType t = BY_CLASS.get(command.getClass());
        if (t == null) {
            throw new IllegalArgumentException("the codec has no type code for " + command.getClass().getName()
                    + "; add it to CommandType and Codec before sending it over a network transport");
        }
        return t;
    }
}
