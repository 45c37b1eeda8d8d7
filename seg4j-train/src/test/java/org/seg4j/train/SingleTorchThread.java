package org.seg4j.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread and restores the previous count afterwards
 * ({@code @ExtendWith(SingleTorchThread.class)}): on a loaded 2-core machine OpenMP's spinning
 * threads make tiny models 50x slower; a single thread keeps these tests fast and deterministic.
 */
public final class SingleTorchThread implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SingleTorchThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getInstance();
        context.getStore(NS).put("threads", JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        JniUtils.setNumThreads(context.getStore(NS).get("threads", Integer.class));
    }
}
