package org.seg4j.serve;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A short random id for every request, sent back in the {@code X-Request-Id} header and in error
 * bodies, and written to the log with the detail of an unexpected failure, so that an operator can
 * find what went wrong from what a client reports.
 */
final class RequestIds {

    /** The response header that carries the id. */
    static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = "seg4j.requestId";

    private RequestIds() {}

    /** Gives {@code ctx} a new id and sets the response header. */
    static void assign(Context ctx) {
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The id of {@code ctx} (assigned now if it has none, e.g. for a request that failed early). */
    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }
}
