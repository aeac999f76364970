package dev.thaw.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's headless chromium on a local page and collects what its console said. */
final class Chromium {
    /** "INFO:CONSOLE(12)] "msg", source: ..." (older) or "INFO:CONSOLE:12] "msg", source: ..." (newer). */
    private static final Pattern CONSOLE = Pattern.compile("CONSOLE[(:]\\d*\\)?\\]\\s*\"(.*)\", source: (\\S*)");
    private static final Pattern NET_ERROR = Pattern.compile("net::ERR_[A-Z_]+");

    record Run(int exitCode, String stdout, String stderr) {}

    private Chromium() {}

    /** The browser binary: $THAW_CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH; null if none. */
    static Path find() {
        String env = System.getenv("THAW_CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) return Path.of(env);
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome"))
            for (String dir : path.split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        return null;
    }

    static Run run(Path browser, Path workDir, String... args) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "profile");
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt"), err = workDir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 180 s: " + cmd);
        }
        SampleSite.delete(profile);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Every console message and failed load in a chromium log; our pages log nothing, so any entry is a fault. */
    static List<String> problems(String log) {
        List<String> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = CONSOLE.matcher(line);
            if (m.find()) out.add(m.group(1) + " (" + m.group(2) + ")");
            else if (NET_ERROR.matcher(line).find()) out.add(line.trim());
        }
        return out;
    }
}
