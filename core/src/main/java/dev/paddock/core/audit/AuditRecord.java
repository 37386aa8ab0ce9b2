package dev.paddock.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One kernel audit record: its type (1423 LANDLOCK_ACCESS, 1424 LANDLOCK_DOMAIN, 1300 SYSCALL...), the event it is
 * part of (records of one event share the serial) and its fields. Quoted values are unquoted and the hex form the
 * kernel uses for untrusted strings with spaces or quotes ({@code path=2F746D702F6120622E74787420}) is decoded.
 *
 * @param type   the record type number
 * @param serial the event's time and serial, as the kernel writes them ("1729738800.268:30")
 * @param fields the fields in the order written
 */
public record AuditRecord(int type, String serial, Map<String, String> fields) {
    /** Type of a Landlock denial record. */
    public static final int LANDLOCK_ACCESS = 1423;
    /** Type of a Landlock domain record (allocated with its creator, or deallocated with its count of denials). */
    public static final int LANDLOCK_DOMAIN = 1424;
    /** Type of the record that names the system call (and the caller's pid) of an event. */
    public static final int SYSCALL = 1300;
    /** Type of the record that gives the caller's command line, hex-encoded. */
    public static final int PROCTITLE = 1327;

    public AuditRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field's value, if the record has it. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * Parses a record as the audit netlink socket delivers it: the type from the message header and the text
     * {@code audit(1729738800.268:30): domain=1a6fdc66f blockers=...}. Empty when the text has no audit stamp.
     */
    public static Optional<AuditRecord> parse(int type, String text) {
        int open = text.indexOf("audit(");
        int close = open < 0 ? -1 : text.indexOf("):", open);
        if (close < 0) {
            return Optional.empty();
        }
        return Optional.of(new AuditRecord(type, text.substring(open + 6, close), fields(text.substring(close + 2))));
    }

    /**
     * Parses a record as a log line writes it: {@code type=LANDLOCK_ACCESS msg=audit(...): fields}, where the type
     * may also be a number or {@code UNKNOWN[1423]} (tools that do not know the Landlock types). Empty for a line
     * that is not an audit record.
     */
    public static Optional<AuditRecord> parseLine(String line) {
        int start = line.indexOf("type=");
        int msg = line.indexOf(" msg=audit(");
        if (start < 0 || msg < start) {
            return Optional.empty();
        }
        int type = typeNumber(line.substring(start + 5, msg).trim());
        return type < 0 ? Optional.empty() : parse(type, line.substring(msg + 5));
    }

    private static int typeNumber(String word) {
        return switch (word) {
            case "LANDLOCK_ACCESS" -> LANDLOCK_ACCESS;
            case "LANDLOCK_DOMAIN" -> LANDLOCK_DOMAIN;
            case "SYSCALL" -> SYSCALL;
            case "PROCTITLE" -> PROCTITLE;
            default -> {
                String digits = word.startsWith("UNKNOWN[") && word.endsWith("]")
                        ? word.substring(8, word.length() - 1) : word;
                yield digits.matches("\\d{1,5}") ? Integer.parseInt(digits) : -1;
            }
        };
    }

    /** key=value pairs separated by spaces; a value may be "quoted" (with spaces inside) or hex-encoded. */
    static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int equals = text.indexOf('=', i);
            int space = text.indexOf(' ', i);
            if (equals < 0 || space >= 0 && space < equals) {
                i = space < 0 ? n : space + 1; // a word without a value ("[...]" in documentation samples)
                continue;
            }
            String key = text.substring(i, equals);
            int from = equals + 1;
            String value;
            if (from < n && text.charAt(from) == '"') {
                int end = text.indexOf('"', from + 1);
                end = end < 0 ? n : end;
                value = text.substring(from + 1, end);
                i = end + 1;
            } else {
                int end = text.indexOf(' ', from);
                end = end < 0 ? n : end;
                value = untrusted(key, text.substring(from, end));
                i = end;
            }
            fields.put(key, value);
        }
        return fields;
    }

    /** The kernel hex-encodes an untrusted string (a path, a command name) that has a space, quote or control. */
    private static String untrusted(String key, String value) {
        boolean text = switch (key) {
            case "path", "exe", "comm", "ocomm", "name", "cwd", "proctitle" -> true;
            default -> false;
        };
        if (!text || value.isEmpty() || value.length() % 2 != 0 || !value.matches("[0-9A-F]+")) {
            return value;
        }
        byte[] bytes = new byte[value.length() / 2];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) Integer.parseInt(value.substring(2 * b, 2 * b + 2), 16);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
