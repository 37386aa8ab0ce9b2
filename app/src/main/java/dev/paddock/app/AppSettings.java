package dev.paddock.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;

/** What the app remembers between runs: window size and place, dividers, theme, and the last profile. */
final class AppSettings {
    private final Preferences node;

    AppSettings(Preferences node) {
        this.node = node;
    }

    static AppSettings ofUser() {
        return new AppSettings(Preferences.userRoot().node("dev/paddock/app"));
    }

    double width() {
        return node.getDouble("width", 1280);
    }

    double height() {
        return node.getDouble("height", 800);
    }

    double x() {
        return node.getDouble("x", Double.NaN);
    }

    double y() {
        return node.getDouble("y", Double.NaN);
    }

    boolean maximized() {
        return node.getBoolean("maximized", false);
    }

    boolean dark() {
        return node.getBoolean("dark", false);
    }

    Path lastProfile() {
        String path = node.get("lastProfile", "");
        return path.isEmpty() ? null : Path.of(path);
    }

    /** The window's dividers as {@code MainView.dividers()} gave them, or an empty array. */
    double[] dividers() {
        try {
            return Arrays.stream(node.get("dividers", "").split(",")).filter(s -> !s.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            return new double[0];
        }
    }

    void saveDividers(double[] positions) {
        node.put("dividers", Arrays.stream(positions).mapToObj(p -> String.format(Locale.ROOT,
                "%.4f", p)).collect(Collectors.joining(",")));
        flush();
    }

    void saveWindow(double x, double y, double width, double height, boolean maximized) {
        node.putDouble("x", x);
        node.putDouble("y", y);
        node.putDouble("width", width);
        node.putDouble("height", height);
        node.putBoolean("maximized", maximized);
        flush();
    }

    void saveTheme(boolean dark) {
        node.putBoolean("dark", dark);
        flush();
    }

    void saveLastProfile(Path file) {
        if (file == null) {
            node.remove("lastProfile");
        } else {
            node.put("lastProfile", file.toAbsolutePath().toString());
        }
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience; the app works without them
        }
    }
}
