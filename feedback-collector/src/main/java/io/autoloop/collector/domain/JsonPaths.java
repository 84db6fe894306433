package io.autoloop.collector.domain;

/** Writes the field paths of error reports the way clients read them: {@code events[3].context.page}. */
final class JsonPaths {

    private JsonPaths() {}

    /** {@code events[3]}. */
    static String event(int index) {
        return "events[" + index + "]";
    }

    /** {@code parent.name}, or {@code parent["odd name"]} when the name is not a plain identifier. */
    static String child(String parent, String name) {
        if (isPlain(name)) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** Whether {@code name} can follow a dot: a letter, {@code _} or {@code $}, then also digits and {@code -}. */
    private static boolean isPlain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Turns a JSON pointer such as {@code /events/3/context/page} into {@code events[3].context.page}. */
    static String fromPointer(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return "$";
        }
        StringBuilder path = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit) && path.length() > 0) {
                path.append('[').append(segment).append(']');
            } else {
                String next = child(path.toString(), segment);
                path.setLength(0);
                path.append(next);
            }
        }
        return path.toString();
    }
}
