package org.seg4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;

/**
 * The Python interpreter of the PyTorch side. Debian's {@code /usr/bin/python3} by default: that is
 * the interpreter {@code python3-torch} installs into (a {@code python3} earlier on the PATH, e.g.
 * a pyenv one, usually has no torch).
 */
public final class PythonTorch {

    /** Default interpreter. */
    public static final Path DEFAULT = Path.of("/usr/bin/python3");

    private PythonTorch() {}

    /**
     * Returns the torch version {@code python} imports; when it cannot import torch and {@code
     * install} is set, installs Debian's {@code python3-torch} and {@code python3-pil} with apt-get
     * (through sudo unless running as root) first.
     */
    public static String ensure(Path python, boolean install, PrintStream log) {
        String version = torchVersion(python);
        if (version != null) {
            return version;
        }
        if (!install) {
            throw new Seg4jException(python + " cannot import torch; install it with `sudo apt-get install -y"
                    + " python3-torch python3-pil` or leave out --no-install");
        }
        log.println("bench perf: " + python + " has no torch; installing python3-torch with apt-get");
        List<String> cmd = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            cmd.add("sudo");
        }
        cmd.addAll(List.of("apt-get", "install", "-y", "-q", "python3-torch", "python3-pil"));
        ChildProcess.run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"), "apt-get", log);
        version = torchVersion(python);
        if (version == null) {
            throw new Seg4jException("installed python3-torch, but " + python + " still cannot import torch");
        }
        return version;
    }

    private static String torchVersion(Path python) {
        try {
            String out = ChildProcess.run(List.of(python.toString(), "-c", "import torch; print(torch.__version__)"),
                    Map.of(), python.toString(), null);
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1].strip();
        } catch (Seg4jException e) {
            return null;
        }
    }
}
