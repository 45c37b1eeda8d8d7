package org.seg4j.data.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;
import org.seg4j.data.layout.FolderLayout;

/**
 * Builds {@link FrameSequence}s from the two layouts seg4j reads video frames from.
 *
 * <ul>
 *   <li><b>Frame names</b> ({@link #fromEntries}): {@code PREFIX_NUMBER} ids as in CamVid
 *       ({@code 0016E5_07959.png}): grouped by prefix, ordered by number.
 *   <li><b>Clip folders</b> ({@link #fromClipFolder}):
 *       <pre>
 * ROOT/&lt;clip&gt;/frames/*.png|jpg   every frame, ordered by the trailing number of the name
 *                                  (by name when some names have none)
 * ROOT/&lt;clip&gt;/masks/*.png        masks for some of the frames, same stem
 *       </pre>
 * </ul>
 */
public final class FrameSequences {

    /** Sub-folder of a clip that holds its frames. */
    public static final String FRAMES = "frames";
    /** Sub-folder of a clip that holds the masks of its labelled frames. */
    public static final String MASKS = "masks";

    // one letter may precede the number, as in CamVid's 0006R0_f00930 and Seq05VD_f00000
    private static final Pattern PREFIX_NUMBER = Pattern.compile("(.+?)[_-][A-Za-z]?(\\d+)");
    private static final Pattern TRAILING_NUMBER = Pattern.compile(".*?(\\d+)");

    private FrameSequences() {}

    /**
     * Groups data-set entries named {@code PREFIX_NUMBER} (or {@code PREFIX-NUMBER}; one letter may
     * precede the number, as in CamVid's {@code 0006R0_f00930}) into sequences,
     * in order of first appearance; entries whose mask file does not exist count as unlabelled.
     *
     * @throws Seg4jException naming the first id that does not follow the pattern
     */
    public static List<FrameSequence> fromEntries(List<DatasetEntry> entries) {
        Map<String, List<ClipFrame>> groups = new LinkedHashMap<>();
        for (DatasetEntry e : entries) {
            Matcher m = PREFIX_NUMBER.matcher(e.id());
            if (!m.matches()) {
                throw new Seg4jException(e.image() + ": the name '" + e.id() + "' is not SEQUENCE_FRAMENUMBER "
                        + "(e.g. 0016E5_07959); use the clip-folder layout (<clip>/frames/, <clip>/masks/) instead");
            }
            Path mask = e.mask() != null && Files.isRegularFile(e.mask()) ? e.mask() : null;
            groups.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new ClipFrame(e.id(), Long.parseLong(m.group(2)), e.image(), mask));
        }
        List<FrameSequence> out = new ArrayList<>();
        groups.forEach((name, frames) -> {
            frames.sort(Comparator.comparingLong(ClipFrame::number));
            for (int i = 1; i < frames.size(); i++) {
                if (frames.get(i).number() == frames.get(i - 1).number()) {
                    throw new Seg4jException("sequence '" + name + "': two frames with number "
                            + frames.get(i).number() + " (" + frames.get(i - 1).image() + ", " + frames.get(i).image() + ")");
                }
            }
            out.add(new FrameSequence(name, frames));
        });
        return out;
    }

    /**
     * The positions of {@code ids} grouped by sequence ({@code PREFIX_NUMBER} as {@link
     * #fromEntries}), each group ordered by frame number, groups in order of first appearance.
     *
     * @throws Seg4jException naming the first id that does not follow the pattern
     */
    public static List<int[]> orderedGroups(List<String> ids) {
        Map<String, List<long[]>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Matcher m = PREFIX_NUMBER.matcher(ids.get(i));
            if (!m.matches()) {
                throw new Seg4jException("'" + ids.get(i) + "' is not SEQUENCE_FRAMENUMBER (e.g. 0016E5_07959): "
                        + "clips from neighbouring frames need sequence names");
            }
            groups.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new long[] {Long.parseLong(m.group(2)), i});
        }
        List<int[]> out = new ArrayList<>();
        for (List<long[]> g : groups.values()) {
            g.sort(Comparator.comparingLong(a -> a[0]));
            out.add(g.stream().mapToInt(a -> (int) a[1]).toArray());
        }
        return out;
    }

    /** Whether {@code root} holds at least one {@code <clip>/frames/} folder. */
    public static boolean isClipFolder(Path root) {
        return !clipNames(root).isEmpty();
    }

    /**
     * Every clip of a clip-folder data set, sorted by name.
     *
     * @throws Seg4jException when {@code root} has no {@code <clip>/frames/} folder
     */
    public static List<FrameSequence> fromClipFolder(Path root) {
        List<String> names = clipNames(root);
        if (names.isEmpty()) {
            throw new Seg4jException(root + ": no clips found; expected " + root + "/<clip>/" + FRAMES
                    + "/ (frames) and optionally " + root + "/<clip>/" + MASKS + "/ (masks of some frames)");
        }
        List<FrameSequence> out = new ArrayList<>();
        for (String name : names) {
            Path clip = root.resolve(name);
            out.add(ofEntries(name, FolderLayout.pairs(clip.resolve(FRAMES), clip.resolve(MASKS))));
        }
        return out;
    }

    /**
     * The images of one folder as one unlabelled sequence named after the folder.
     *
     * @throws Seg4jException when the folder holds no images
     */
    public static FrameSequence fromFrameFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Seg4jException(dir + ": not a folder of frames");
        }
        List<DatasetEntry> entries = FolderLayout.pairs(dir, dir.resolve("does-not-exist"));
        if (entries.isEmpty()) {
            throw new Seg4jException(dir + ": no image files (png, jpg, jpeg, bmp) to read as frames");
        }
        return ofEntries(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                entries.stream().map(e -> new DatasetEntry(e.id(), e.image(), null)).toList());
    }

    /** Orders by trailing number when every id has one, otherwise by id. */
    private static FrameSequence ofEntries(String name, List<DatasetEntry> entries) {
        boolean numbered = entries.stream().allMatch(e -> TRAILING_NUMBER.matcher(e.id()).matches())
                && entries.stream().map(FrameSequences::trailingNumber).distinct().count() == entries.size();
        List<ClipFrame> frames = new ArrayList<>();
        List<DatasetEntry> sorted = new ArrayList<>(entries);
        sorted.sort(numbered ? Comparator.comparingLong(FrameSequences::trailingNumber)
                : Comparator.comparing(DatasetEntry::id));
        for (int i = 0; i < sorted.size(); i++) {
            DatasetEntry e = sorted.get(i);
            Path mask = e.mask() != null && Files.isRegularFile(e.mask()) ? e.mask() : null;
            frames.add(new ClipFrame(e.id(), numbered ? trailingNumber(e) : i, e.image(), mask));
        }
        return new FrameSequence(name, frames);
    }

    private static long trailingNumber(DatasetEntry e) {
        Matcher m = TRAILING_NUMBER.matcher(e.id());
        if (!m.matches()) {
            return -1;
        }
        String digits = m.group(1);
        return digits.length() > 18 ? -1 : Long.parseLong(digits);
    }

    private static List<String> clipNames(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isDirectory(d.resolve(FRAMES)))
                    .forEach(d -> out.put(d.getFileName().toString(), d));
        } catch (IOException e) {
            throw new Seg4jException(root + ": cannot list folder (" + e.getMessage() + ")", e);
        }
        return List.copyOf(out.keySet());
    }
}
