package org.seg4j.train.instance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.instance.MaskRcnnPredictor;
import org.seg4j.model.instance.maskrcnn.InstanceTargets;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;
import org.seg4j.train.optim.Adam;
import org.seg4j.transform.Normalization;

/**
 * The scoped-manager rule for Mask R-CNN: after the first step (which creates the optimiser's
 * state), training and prediction leave no array behind on the model's manager, so native memory
 * stays flat over a long run.
 */
class MaskRcnnMemoryTest {

    @Test
    void trainingAndPredictionLeaveNoArrayOnTheModelsManager() {
        List<MaskRcnnOverfitTest.Scene> scenes = List.of(
                MaskRcnnOverfitTest.scene(new int[][] {{0, 6, 8, 22, 20}, {1, 40, 18, 9, 0}}),
                MaskRcnnOverfitTest.scene(new int[][] {{1, 16, 16, 10, 0}, {0, 27, 6, 45, 22}}));
        List<RgbImage> images = scenes.stream().map(MaskRcnnOverfitTest.Scene::image).toList();
        List<InstanceTargets> targets = scenes.stream()
                .map(s -> InstanceTargets.of(s.annotation(), new int[] {0, 1, 2})).toList();
        MaskRcnnConfig config = MaskRcnnConfig.builder().setNumClasses(2).optWidth(8).optFpnChannels(16)
                .optRepresentation(32).optMaskChannels(8).optAnchorSizes(8, 16, 32, 64, 128)
                .optRpnPreNms(100, 50).optRpnPostNms(50, 25).optRoiBatch(32, 0.25f).build();
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(config);
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            try (Adam adam = new Adam(base, 0.9f, 0.999f, 1e-8f, 0f, true)) {
                MaskRcnnTrainingStep step = new MaskRcnnTrainingStep(model, adam, base, Normalization.IMAGENET, 7);
                step.run(images, targets, 1e-3f, 0);
                int after1 = base.getManagedArrays().size();
                for (int i = 1; i < 4; i++) {
                    step.run(images, targets, 1e-3f, i);
                }
                assertThat(base.getManagedArrays().size()).as("arrays on the model's manager after 4 steps")
                        .isEqualTo(after1);
            }
            MaskRcnnPredictor predictor = MaskRcnnPredictor.builder().setModel(model, base)
                    .setClassIds(new int[] {1, 2}).build();
            predictor.predict(images);
            int afterPredict = base.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                predictor.predict(images);
            }
            assertThat(base.getManagedArrays().size()).as("arrays on the model's manager after 4 predictions")
                    .isEqualTo(afterPredict);
        }
    }
}
