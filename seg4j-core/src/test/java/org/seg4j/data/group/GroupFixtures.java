package org.seg4j.data.group;

import java.nio.file.Path;
import org.seg4j.data.DatasetFixtures;

/** CamVid-style data sets whose file names carry a sequence, for group tests. */
public final class GroupFixtures {

    private GroupFixtures() {}

    /**
     * {@code root/<split>} + {@code root/<split>annot} with {@code perGroup} 4x3 frames per group, named
     * {@code <group>_00000.png}, {@code <group>_00030.png}, ...
     */
    public static Path camvid(Path root, String split, int perGroup, String... groups) {
        return camvid(root, split, perGroup, 4, 3, groups);
    }

    /** As {@link #camvid(Path, String, int, String...)} with frames of {@code w x h} pixels. */
    public static Path camvid(Path root, String split, int perGroup, int w, int h, String... groups) {
        for (String g : groups) {
            for (int i = 0; i < perGroup; i++) {
                DatasetFixtures.pair(root.resolve(split), root.resolve(split + "annot"),
                        String.format("%s_%05d", g, i * 30), w, h);
            }
        }
        return root;
    }
}
