package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real repositories with the git command (CI installs git: .ci/run). */
class GitHeadTest {

    @TempDir
    Path tmp;

    @Test
    void aLinkedWorktreeReportsItsOwnHeadNotTheMainCheckouts() throws Exception {
        String a = initWithCommit(main());
        Path wt = worktree("-b", "feature");
        String b = commit(wt, "b.txt", "second");
        assertThat(b).isNotEqualTo(a);
        assertThat(Files.isRegularFile(wt.resolve(".git"))).isTrue();

        assertThat(GitHead.commit(main())).contains(a);
        assertThat(GitHead.commit(wt)).contains(b);
        Path sub = Files.createDirectories(wt.resolve("module/src"));
        assertThat(GitHead.commit(sub)).contains(b);
    }

    @Test
    void packedRefsAreRead() throws Exception {
        String a = initWithCommit(main());
        Path wt = worktree("-b", "feature");
        String b = commit(wt, "b.txt", "second");
        git(main(), "pack-refs", "--all");
        assertThat(main().resolve(".git/refs/heads/feature")).doesNotExist();
        assertThat(Files.readString(main().resolve(".git/packed-refs"))).contains(b + " refs/heads/feature");

        assertThat(GitHead.commit(main())).contains(a);
        assertThat(GitHead.commit(wt)).contains(b);
    }

    @Test
    void aDetachedHeadHoldsTheCommit() throws Exception {
        String a = initWithCommit(main());
        Path wt = worktree("--detach");
        String c = commit(wt, "c.txt", "on no branch");
        assertThat(Files.readString(main().resolve(".git/worktrees/wt/HEAD")).trim()).isEqualTo(c);

        assertThat(GitHead.commit(wt)).contains(c);
        assertThat(GitHead.commit(main())).contains(a);
    }

    @Test
    void nothingOutsideARepositoryOrBeforeTheFirstCommit() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThat(GitHead.commit(plain)).isEmpty();
        git(main(), "init", "-q");
        assertThat(GitHead.commit(main())).isEmpty();
    }

    @Test
    void theBuildStepWritesTheAbbreviatedCommit() throws Exception {
        initWithCommit(main());
        Path wt = worktree("-b", "feature");
        String b = commit(wt, "b.txt", "second");
        Path out = tmp.resolve("classes/seg4j-git.properties");

        GitHead.main(new String[] {wt.toString(), out.toString()});
        assertThat(load(out).getProperty("git.commit")).isEqualTo(b.substring(0, 7));

        Path plain = Files.createDirectories(tmp.resolve("plain"));
        GitHead.main(new String[] {plain.toString(), out.toString()});
        assertThat(load(out).getProperty("git.commit")).isNull();
    }

    private Path main() throws IOException {
        return Files.createDirectories(tmp.resolve("main"));
    }

    /** {@code git worktree add <options> ../wt} from the main checkout. */
    private Path worktree(String... options) throws Exception {
        Path wt = tmp.resolve("wt");
        List<String> args = new ArrayList<>(List.of("worktree", "add", "-q"));
        args.addAll(List.of(options));
        args.add(wt.toString());
        git(main(), args.toArray(String[]::new));
        return wt;
    }

    private static String initWithCommit(Path dir) throws Exception {
        git(dir, "init", "-q");
        return commit(dir, "a.txt", "first");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static String commit(Path dir, String file, String message) throws Exception {
        Files.writeString(dir.resolve(file), message);
        git(dir, "add", file);
        git(dir, "commit", "-q", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=seg4j test", "-c",
                "user.email=test@seg4j.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // a test run from a git hook must not reach the enclosing repository
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + rc + "): " + out);
        }
        return out;
    }
}
