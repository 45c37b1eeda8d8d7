package org.seg4j;

/**
 * An image that cannot be segmented: a file that is missing, unreadable, corrupt, in an
 * unsupported format or too large, or an in-memory image that is missing. {@link #source()} names
 * the file (or the position in a list) and {@link #problem()} says what is wrong with it, so a
 * caller can skip the image and go on, unlike an {@link InvalidModelException}.
 */
public class InvalidImageException extends Seg4jException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * @param source the file or the description of the image, e.g. {@code photos/a.jpg} or {@code image 3 of 5}
     * @param problem what is wrong, e.g. {@code corrupt or truncated image}
     */
    public InvalidImageException(String source, String problem) {
        this(source, problem, null);
    }

    public InvalidImageException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file or description of the image. */
    public String source() {
        return source;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
