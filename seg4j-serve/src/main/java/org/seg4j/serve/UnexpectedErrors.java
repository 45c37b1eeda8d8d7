package org.seg4j.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception nobody expected into a 500 whose message is generic: the exception's text may
 * name files, classes or data that are none of the client's business, so it goes to the log with
 * the request id, and the client gets only the id to quote.
 */
final class UnexpectedErrors {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationServer.class);

    private UnexpectedErrors() {}

    /** Logs {@code error} with the request's id and route; returns the generic 500. */
    static ApiException report(String requestId, String route, Throwable error) {
        LOG.error("request {} on {} failed", requestId, route, error);
        return new ApiException(500, "internal", "internal server error; the server's log has the details under"
                + " request id " + requestId);
    }
}
