package org.seg4j.data.group;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;

/** A {@link GroupKey}: the first capture group of a regular expression found in the image's file name. */
final class RegexGroupKey implements GroupKey {

    private final Pattern pattern;

    RegexGroupKey(String regex) {
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Seg4jException("group_by: invalid regular expression '" + regex + "': "
                    + e.getDescription());
        }
        int groups = pattern.matcher("").groupCount();
        if (groups != 1) {
            throw new Seg4jException("group_by: the regular expression '" + regex + "' has " + groups
                    + " capture groups; it needs exactly one, the part of the file name that names the group, "
                    + "e.g. " + GroupKey.CAMVID_SEQUENCE);
        }
    }

    @Override
    public String groupOf(DatasetEntry entry) {
        String name = entry.image().getFileName().toString();
        Matcher m = pattern.matcher(name);
        if (!m.find() || m.group(1) == null || m.group(1).isEmpty()) {
            throw new Seg4jException(entry.image() + ": the file name does not match the group pattern "
                    + pattern.pattern() + " (its capture group must match a non-empty part of the name)");
        }
        return m.group(1);
    }

    @Override
    public String describe() {
        return "regex " + pattern.pattern() + " on the file name";
    }
}
