package org.seg4j;

import java.nio.file.Path;

/**
 * A model directory that cannot be used: missing, without {@code model.json} or
 * {@code weights.params}, with an unreadable or invalid manifest, an unknown architecture, or
 * weights that do not fit the network. {@link #modelDir()} names the directory and
 * {@link #problem()} says what is wrong; no image will segment with this model, unlike an
 * {@link InvalidImageException}.
 */
public class InvalidModelException extends Seg4jException {

    private static final long serialVersionUID = 1L;

    private final transient Path modelDir;
    private final String problem;

    /**
     * @param modelDir the model directory
     * @param problem what is wrong, e.g. {@code not a model directory (no model.json)}
     */
    public InvalidModelException(Path modelDir, String problem) {
        this(modelDir, problem, null);
    }

    public InvalidModelException(Path modelDir, String problem, Throwable cause) {
        super(modelDir + ": " + problem, cause);
        this.modelDir = modelDir;
        this.problem = problem;
    }

    /** The model directory. */
    public Path modelDir() {
        return modelDir;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
