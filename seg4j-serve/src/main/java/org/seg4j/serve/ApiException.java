package org.seg4j.serve;

/**
 * A request that cannot be answered, with the HTTP status, a short machine-readable kind (used in
 * the JSON error body and as the {@code kind} label of the error metric) and a message for people.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String kind;
    private final Integer retryAfterSeconds;

    /** An error without a {@code Retry-After} header. */
    public ApiException(int status, String kind, String message) {
        this(status, kind, message, null);
    }

    /** An error that tells the client when to retry ({@code Retry-After}, seconds). */
    public ApiException(int status, String kind, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Short error kind, e.g. {@code body_too_large}. */
    public String kind() {
        return kind;
    }

    /** Seconds for the {@code Retry-After} header, or {@code null}. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
