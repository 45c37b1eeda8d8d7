package org.seg4j.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The commit checked out in the git working tree that holds a directory, read from git's files
 * without running git. A linked worktree ({@code git worktree add}) has a {@code .git} file
 * ({@code gitdir: <path>}) instead of a directory; its own {@code HEAD} lives in that path and its
 * branches in the shared repository named by the {@code commondir} file there, so the commit is the
 * worktree's, not the main checkout's. Branches are looked up as loose refs, then in
 * {@code packed-refs}; a detached {@code HEAD} holds the commit itself.
 *
 * <p>The build runs {@link #main} to record the commit in {@code seg4j-git.properties}, which
 * {@link BuildInfo#gitCommit()} reads for model provenance.
 */
public final class GitHead {

    private static final int MAX_SYMREF_DEPTH = 5;

    private GitHead() {}

    /**
     * The full commit id checked out in the working tree holding {@code dir} (or in {@code dir}
     * itself); empty outside a git working tree, on an unborn branch or where the refs cannot be read
     * (e.g. the reftable format).
     */
    public static Optional<String> commit(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path dotGit = d.resolve(".git");
            if (Files.exists(dotGit)) {
                try {
                    return resolve(gitDir(dotGit));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Path gitDir(Path dotGit) throws IOException {
        if (Files.isDirectory(dotGit)) {
            return dotGit;
        }
        String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
        if (!line.startsWith("gitdir:")) {
            throw new IOException(dotGit + " is neither a directory nor a 'gitdir:' file");
        }
        return dotGit.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
    }

    private static Optional<String> resolve(Path gitDir) throws IOException {
        Path common = gitDir;
        Path commonDirFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonDirFile)) {
            common = gitDir.resolve(Files.readString(commonDirFile, StandardCharsets.UTF_8).trim()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        for (int depth = 0; depth < MAX_SYMREF_DEPTH; depth++) {
            if (!head.startsWith("ref:")) {
                return isObjectId(head) ? Optional.of(head) : Optional.empty();
            }
            String ref = head.substring("ref:".length()).trim();
            Optional<String> target = readRef(gitDir, common, ref);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            head = target.get();
        }
        return Optional.empty();
    }

    // a ref's content: a loose file (per-worktree refs in the worktree's own directory, the others in
    // the common one), else its line in packed-refs
    private static Optional<String> readRef(Path gitDir, Path common, String ref) throws IOException {
        for (Path dir : List.of(gitDir, common)) {
            Path loose = dir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).trim().equals(ref)) {
                    return Optional.of(line.substring(0, space));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isObjectId(String s) {
        return (s.length() == 40 || s.length() == 64) && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * Writes {@code git.commit=<first 7 hex digits>} of the working tree holding {@code args[0]} to the
     * properties file {@code args[1]}; writes no commit where there is none (BuildInfo then says
     * {@code unknown}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GitHead <directory in the working tree> <properties file to write>");
        }
        Properties p = new Properties();
        commit(Path.of(args[0])).ifPresent(c -> p.setProperty("git.commit", c.substring(0, 7)));
        AtomicFiles.write(Path.of(args[1]), out -> p.store(out, "written by the build (org.seg4j.util.GitHead)"));
    }
}
