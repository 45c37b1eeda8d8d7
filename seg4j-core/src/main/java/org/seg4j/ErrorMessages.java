package org.seg4j;

import java.io.File;

/** Turns the message of a lower-level error into the problem part of an API exception. */
final class ErrorMessages {

    private ErrorMessages() {}

    /**
     * The problem in {@code message} without a leading {@code source} (messages of seg4j's readers
     * start with the file they are about): {@code "dir/model.json: bad"} becomes {@code
     * "model.json: bad"} and {@code "dir: bad"} becomes {@code "bad"}.
     */
    static String problemOf(Throwable error, String source) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        if (!message.startsWith(source)) {
            return message;
        }
        String rest = message.substring(source.length());
        if (rest.startsWith(": ")) {
            return rest.substring(2);
        }
        if (rest.startsWith("/") || rest.startsWith(File.separator)) {
            return rest.substring(1);
        }
        return message;
    }
}
