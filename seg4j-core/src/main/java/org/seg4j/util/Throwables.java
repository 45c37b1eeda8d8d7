package org.seg4j.util;

/** Short descriptions of exceptions for one-line error messages. */
public final class Throwables {

    private Throwables() {}

    /**
     * The messages of {@code e} and its causes, joined by ": " without repeats, on one line and
     * cut at about 200 characters; a cause without a message contributes its class name.
     */
    public static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 200; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString().replace('\n', ' ');
    }
}
