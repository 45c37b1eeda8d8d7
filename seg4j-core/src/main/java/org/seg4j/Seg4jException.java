package org.seg4j;

/**
 * An error caused by the user's input (a bad file, an unknown name, an invalid option), as opposed
 * to a bug. Its message is written for the user: it names the file or setting and the problem, and
 * the CLI prints it as one line and exits with a non-zero status.
 */
public class Seg4jException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Seg4jException(String message) {
        super(message);
    }

    public Seg4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
