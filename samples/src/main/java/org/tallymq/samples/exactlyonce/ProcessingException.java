package org.tallymq.samples.exactlyonce;

/** An exactly-once transaction that did not commit; its message names the step that failed. */
public final class ProcessingException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
