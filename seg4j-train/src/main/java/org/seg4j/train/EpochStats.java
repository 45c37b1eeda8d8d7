package org.seg4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code history.json}: what an epoch did.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's steps
 * @param valLoss validation loss, {@code null} when not validated
 * @param valMIoU validation mean IoU, {@code null} when not validated
 * @param pixelAccuracy validation pixel accuracy, {@code null} when not validated
 * @param lr learning rate of the epoch's last step
 * @param seconds wall time of the epoch (training and validation)
 * @param imagesPerSecond training throughput
 * @param steps steps run in the epoch
 * @param globalStep global step count at the end of the epoch
 * @param partial true when the epoch was cut short (time budget); a resumed run completes it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EpochStats(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("val_loss") Double valLoss,
        @JsonProperty("val_miou") Double valMIoU,
        @JsonProperty("pixel_accuracy") Double pixelAccuracy,
        @JsonProperty("lr") double lr,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("images_per_second") double imagesPerSecond,
        @JsonProperty("steps") long steps,
        @JsonProperty("global_step") long globalStep,
        @JsonProperty("partial") boolean partial) {

    /** Whether this epoch ran validation. */
    public boolean validated() {
        return valMIoU != null || valLoss != null;
    }

    /** {@code v}, or {@code null} when it is NaN or infinite (how these files say "no value"). */
    static Double finiteOrNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
