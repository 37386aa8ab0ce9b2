package dev.paddock.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's settings: where they are kept, what survives a restart, and what a damaged file gives. */
class AppSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theSettingsLiveBesideTheProfileLibraryOfTheEnvironmentsUser() {
        assertEquals(dir.resolve("config/paddock/app.json"),
                AppSettings.ofUser(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString())).file());
        assertEquals(dir.resolve("home/.config/paddock/app.json"),
                AppSettings.ofUser(Map.of("HOME", dir.resolve("home").toString())).file());
    }

    @Test
    void whatIsSavedIsWhatTheNextRunReads() throws Exception {
        Path file = dir.resolve("paddock/app.json");
        AppSettings first = new AppSettings(file);
        assertEquals(1280, first.width());
        assertTrue(Double.isNaN(first.x()));
        first.saveWindow(10, 20, 1000, 640, true);
        first.saveDividers(new double[] {0.25, 0.5});
        first.saveTheme(true);
        first.saveLastProfile(dir.resolve("web.json"));

        AppSettings next = new AppSettings(file);
        assertEquals(10, next.x());
        assertEquals(20, next.y());
        assertEquals(1000, next.width());
        assertEquals(640, next.height());
        assertTrue(next.maximized());
        assertTrue(next.dark());
        assertArrayEquals(new double[] {0.25, 0.5}, next.dividers());
        assertEquals(dir.resolve("web.json"), next.lastProfile());
        next.saveLastProfile(null);
        assertNull(new AppSettings(file).lastProfile());
        assertTrue(Files.readString(file).contains("\"dark\" : true"), Files.readString(file));
    }

    @Test
    void aDamagedFileIsNoSettingsAndIsReplacedOnTheNextSave() throws Exception {
        Path file = dir.resolve("app.json");
        for (String damaged : new String[] {"{\"width\": ", "[1, 2]", "{\"width\": \"wide\", \"dividers\": \"a,b\"}",
                "{\"lastProfile\": \"bad\\u0000path\"}"}) {
            Files.writeString(file, damaged);
            AppSettings settings = new AppSettings(file);
            assertEquals(1280, settings.width(), damaged);
            assertEquals(0, settings.dividers().length, damaged);
            assertNull(settings.lastProfile(), damaged);
            assertFalse(settings.dark(), damaged);
        }
        new AppSettings(file).saveTheme(true);
        assertTrue(new AppSettings(file).dark());
    }
}
