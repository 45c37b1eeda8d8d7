import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.Map;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.train.StepTiming;
import org.seg4j.train.profile.OperatorTimes;

/**
 * Times seg4j's training step (forward, loss, backward, Adam; StepTiming) for one architecture on a
 * random batch of 8, then records two more steps with libtorch's profiler into a Chrome trace and
 * prints their operators by self time (OperatorTimes, as `seg4j train --profile-steps` does for a
 * real run). Run through bench/profile/profile_step.sh, which adds conv_passes.py's table.
 *
 *   java -cp 'seg4j-cli/target/seg4j.jar:seg4j-cli/target/lib/*' bench/profile/StepProfile.java \
 *       MODEL ENCODER HEIGHT WIDTH STEPS TRACE.json
 */
public class StepProfile {
    public static void main(String[] a) {
        if (a.length != 6) {
            System.err.println("usage: StepProfile MODEL ENCODER HEIGHT WIDTH STEPS TRACE.json");
            System.exit(2);
        }
        int h = Integer.parseInt(a[2]);
        int w = Integer.parseInt(a[3]);
        int steps = Integer.parseInt(a[4]);
        Engine.getInstance().setRandomSeed(42);
        System.out.println("libtorch threads " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads());
        try (NDManager base = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(new ModelSpec(a[0], a[1], 11, 0, Map.of()));
            ModelDirectory.initialize(block, base, h, w);
            double[] ms = StepTiming.stepMillis(block, base, 11, 8, h, w, 2, steps);
            Arrays.sort(ms);
            System.out.printf("%s (%s) %dx%d, batch 8, %d steps: median %.0f ms, fastest %.0f ms (%.2f images/s at the median)%n",
                    a[0], a[1], h, w, steps, ms[ms.length / 2], ms[0], 8000.0 / ms[ms.length / 2]);
            JniUtils.startProfile(false, false, false);
            StepTiming.stepMillis(block, base, 11, 8, h, w, 0, 2);
            JniUtils.stopProfile(a[5]);
            System.out.println(OperatorTimes.read(java.nio.file.Path.of(a[5]), 2).toMarkdown(25));
        }
    }
}
