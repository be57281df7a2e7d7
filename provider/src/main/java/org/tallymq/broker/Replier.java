package org.tallymq.broker;

import org.tallymq.protocol.Command.Reply;
import org.tallymq.protocol.ErrorCode;

/** Answers one request, now or later (after the store has forced what the request wrote). */
interface Replier {

    void reply(Reply r);

    default void ok() {
        reply(Reply.OK);
    }

    default void fail(ErrorCode code, String message) {
        reply(new Reply.Failed(code, message));
    }
}
