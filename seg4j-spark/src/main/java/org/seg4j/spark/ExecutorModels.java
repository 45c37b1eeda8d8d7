package org.seg4j.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.model.ModelDirectory;

/**
 * The models loaded in this JVM, one per model directory: an executor reads and initialises a model
 * once and every task on it builds its own {@link Predictor} over the shared block (predictors share
 * the weights and the batch-norm fold, and serialise their forward passes). Models stay loaded until
 * the JVM exits, which for an executor is the end of the application.
 */
public final class ExecutorModels {

    private static final Map<Path, ModelDirectory.LoadedModel> MODELS = new ConcurrentHashMap<>();
    private static volatile int threadsSet;

    private ExecutorModels() {}

    /**
     * A predictor for one task over the model of {@code source}, loaded on first use in this JVM.
     *
     * @param threads PyTorch intra-op threads for this JVM; 0 keeps PyTorch's default (all cores)
     */
    public static Predictor predictor(ModelSource source, PredictorOptions options, int threads) {
        setThreads(threads);
        ModelDirectory.LoadedModel model = MODELS.computeIfAbsent(source.localDir(), ModelDirectory::load);
        return Predictor.of(model, options);
    }

    /** Number of models loaded in this JVM. */
    public static int loadedModels() {
        return MODELS.size();
    }

    /** Sets PyTorch's intra-op threads for this JVM (0 leaves them as they are), loading the engine first. */
    public static synchronized void setThreads(int threads) {
        if (threads > 0 && threads != threadsSet) {
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(threads);
            threadsSet = threads;
        }
    }
}
