package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.tallymq.protocol.BodyType;

/**
 * A message whose body is one String, carried as UTF-8 (a null text as a null body). A String
 * with unpaired surrogates is not valid UTF-8: those chars arrive as '?'.
 *
 * <p>Threading: not thread-safe; see {@link TallyMessage}.
 */
public class TallyTextMessage extends TallyMessage implements TextMessage {

    private String text;
    /** The received UTF-8 body while the text is unchanged, so forwarding does not re-encode. */
    private byte[] encoded;

    /** A new message with a null text. */
    public TallyTextMessage() {
    }

    /** A new message with this text (may be null). */
    public TallyTextMessage(String text) {
        this.text = text;
    }

    /** @throws jakarta.jms.MessageNotWriteableException on a received message before clearBody() */
    @Override
    public void setText(String string) throws JMSException {
        checkBodyWritable();
        this.text = string;
        this.encoded = null;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
        encoded = null;
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        if (text == null) {
            return null;
        }
        return encoded != null ? encoded : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void receiveBody(byte[] body) {
        text = body == null ? null : new String(body, StandardCharsets.UTF_8);
        encoded = body;
    }

    @Override
    boolean hasBody() {
        return text != null;
    }

    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        return assign(text, c, String.class, kind());
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c != null && c.isAssignableFrom(String.class);
    }

    @Override
    String kind() {
        return "TextMessage";
    }

    @Override
    String bodySummary() {
        return text == null ? ", no text" : ", text of " + text.length() + " chars";
    }
}
