package org.seg4j.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.seg4j.Seg4jException;

/**
 * Named arrays read from a PyTorch state dict saved as safetensors ({@code
 * safetensors.torch.save_file(model.state_dict(), "w.safetensors")}) or npz ({@code
 * numpy.savez("w.npz", **{k: v.numpy() for k, v in sd.items()})}). DJL's {@link NDList#decode}
 * reads both and names each array after its key; this class checks the format first, so that a
 * pickled {@code .pt}/{@code .pth} file gets an error that says how to convert it instead of a
 * decoding failure.
 */
public final class TensorFile {

    private static final String HOW_TO_SAVE = "save the state dict as safetensors: from safetensors.torch import "
            + "save_file; save_file(model.state_dict(), 'weights.safetensors')";

    private TensorFile() {}

    /**
     * Reads every array of {@code file} into {@code manager}, in file order.
     *
     * @throws Seg4jException when the file is missing, not safetensors/npz, or has duplicate or
     *     unnamed arrays
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": no such weights file");
        }
        byte[] head = new byte[9];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length || !(isZip(head) || isSafetensors(head))) {
                throw new Seg4jException(file + ": " + describeUnknown(head, n));
            }
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (isZip(head)) {
            requireNpy(file);
        }
        NDList list;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            list = NDList.decode(manager, in);
        } catch (IOException | RuntimeException e) {
            throw new Seg4jException(file + ": cannot decode " + (isZip(head) ? "npz" : "safetensors") + ": "
                    + e.getMessage(), e);
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (NDArray a : list) {
            String name = a.getName();
            if (name == null || name.isEmpty()) {
                throw new Seg4jException(file + ": an array has no name (npz files need keyword arguments: "
                        + "numpy.savez(path, **state_dict))");
            }
            if (arrays.put(name, a) != null) {
                throw new Seg4jException(file + ": array name '" + name + "' occurs twice");
            }
        }
        if (arrays.isEmpty()) {
            throw new Seg4jException(file + ": holds no arrays");
        }
        return arrays;
    }

    /** torch.save also writes zip archives (data.pkl + storages): only numpy's .npy entries are npz. */
    private static void requireNpy(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".npy")) {
                    throw new Seg4jException(file + ": a zip archive with entry '" + name + "', not an npz of .npy "
                            + "arrays (torch.save writes such archives); " + HOW_TO_SAVE);
                }
            }
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read the zip archive: " + e.getMessage(), e);
        }
    }

    /** npz is a zip archive. */
    private static boolean isZip(byte[] h) {
        return h[0] == 'P' && h[1] == 'K';
    }

    /** safetensors: an 8-byte little-endian header length, then the JSON header. */
    private static boolean isSafetensors(byte[] h) {
        return h[8] == '{';
    }

    private static String describeUnknown(byte[] h, int n) {
        if (n >= 2 && (h[0] & 0xff) == 0x80) {
            return "a Python pickle (torch.save), which seg4j does not read (pickles can run code); " + HOW_TO_SAVE;
        }
        return "not a safetensors or npz file; " + HOW_TO_SAVE;
    }
}
