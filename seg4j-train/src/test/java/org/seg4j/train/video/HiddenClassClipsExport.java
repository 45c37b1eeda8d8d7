package org.seg4j.train.video;

import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seg4j.data.PngFiles;
import org.seg4j.data.Sample;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;

/**
 * Writes the proof's test clips as a clip folder ({@code clips/<name>/frames/}, {@code masks/})
 * and its two trained models as model directories, so that {@code seg4j eval --temporal} and
 * {@code seg4j predict} can be run on them (docs/video.md): only when the environment variable {@code
 * SEG4J_PROOF_OUT} names a folder.
 */
final class HiddenClassClipsExport {

    private HiddenClassClipsExport() {}

    static void write(Path dir, List<List<Sample>> clips, Block perFrame, ModelManifest perFrameManifest,
            Block temporal, ModelManifest temporalManifest) {
        try {
            for (int c = 0; c < clips.size(); c++) {
                Path clip = dir.resolve("clips").resolve(String.format(Locale.ROOT, "clip%02d", c));
                Files.createDirectories(clip.resolve(FrameSequences.FRAMES));
                Files.createDirectories(clip.resolve(FrameSequences.MASKS));
                for (int t = 0; t < clips.get(c).size(); t++) {
                    String name = String.format(Locale.ROOT, "%06d.png", t + 1);
                    Sample s = clips.get(c).get(t);
                    PngFiles.writeRgb(clip.resolve(FrameSequences.FRAMES).resolve(name), s.image());
                    PngFiles.writePaletteMask(clip.resolve(FrameSequences.MASKS).resolve(name), s.mask(),
                            perFrameManifest.classes());
                }
            }
            Files.createDirectories(dir.resolve("per-frame"));
            Files.createDirectories(dir.resolve("recurrent"));
            ModelDirectory.save(dir.resolve("per-frame"), perFrameManifest, perFrame);
            ModelDirectory.save(dir.resolve("recurrent"), temporalManifest, temporal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
