package org.seg4j.train;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seg4j.Seg4jException;

/** The duration form of configuration files and options: {@code 90s}, {@code 1h30m}, {@code 2d} or {@code PT2H}. */
final class Durations {

    private static final Pattern DAYS_HOURS_MINUTES_SECONDS =
            Pattern.compile("(?:(\\d+(?:\\.\\d+)?)d)?(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m)?(?:(\\d+(?:\\.\\d+)?)s)?");
    private static final double[] UNIT_SECONDS = {86400, 3600, 60, 1};

    private Durations() {}

    /** See {@link TrainConfig#parseDuration}. */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.isEmpty()) {
            throw new Seg4jException("empty duration");
        }
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
            Matcher m = DAYS_HOURS_MINUTES_SECONDS.matcher(t);
            if (m.matches()) {
                double seconds = 0;
                for (int i = 0; i < UNIT_SECONDS.length; i++) {
                    if (m.group(i + 1) != null) {
                        seconds += Double.parseDouble(m.group(i + 1)) * UNIT_SECONDS[i];
                    }
                }
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (RuntimeException e) {
            // fall through to the error below
        }
        throw new Seg4jException("cannot read duration '" + text + "'; use e.g. 90s, 30m, 1h30m or PT2H");
    }

    /** See {@link TrainConfig#formatDuration}. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() / 1000.0 + "s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
