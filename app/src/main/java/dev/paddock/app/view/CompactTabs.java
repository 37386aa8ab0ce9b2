package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tab headers that make room when their pane is too narrow for all of them: first the icons go and the headers
 * become dense, then the titles (each icon keeps its title as a tooltip), instead of tabs disappearing behind the
 * pane's overflow arrow. The width each level needed is measured when it is shown, so the pane returns to a fuller
 * level only when it will fit.
 */
final class CompactTabs {
    /** Icons and titles; titles only; icons only. */
    private static final int FULL = 0;
    private static final int TITLES = 1;
    private static final int ICONS = 2;
    /** Room kept free beside the headers for the pane's own insets. */
    private static final double SLACK = 12;

    private final TabPane pane;
    private final Map<Tab, String> titles = new HashMap<>();
    private final Map<Tab, Node> icons = new HashMap<>();
    private final double[] needed = new double[3];
    private int level = FULL;
    private boolean checking;

    private CompactTabs(TabPane pane) {
        this.pane = pane;
        for (Tab tab : pane.getTabs()) {
            titles.put(tab, tab.getText());
            icons.put(tab, tab.getGraphic());
        }
    }

    /** Makes the pane's tabs (as they are now: a title and an icon each) compact themselves when need be. */
    static void install(TabPane pane) {
        CompactTabs compact = new CompactTabs(pane);
        pane.widthProperty().addListener((obs, old, now) -> compact.check());
        pane.skinProperty().addListener((obs, old, now) -> Platform.runLater(compact::check));
    }

    private void check() {
        if (checking || !(pane.lookup(".headers-region") instanceof Region headers) || pane.getWidth() <= 0) {
            return;
        }
        double available = pane.getWidth() - SLACK;
        needed[level] = headers.prefWidth(-1);
        int wanted = level;
        if (needed[level] > available && level < ICONS) {
            wanted = level + 1;
        } else if (level > FULL && needed[level - 1] > 0 && needed[level - 1] <= available) {
            wanted = level - 1;
        }
        if (wanted != level) {
            apply(wanted);
            // measure the new level once its headers have their new content
            checking = true;
            Platform.runLater(() -> {
                checking = false;
                check();
            });
        }
    }

    private void apply(int newLevel) {
        level = newLevel;
        pane.getStyleClass().remove(Styles.DENSE);
        if (level != FULL) {
            pane.getStyleClass().add(Styles.DENSE);
        }
        for (Tab tab : List.copyOf(pane.getTabs())) {
            String title = titles.get(tab);
            if (title == null) {
                continue;
            }
            tab.setText(level == ICONS ? "" : title);
            Node graphic = icons.get(tab);
            if (graphic instanceof Pane badged && badged.getStyleClass().contains(WarningsTab.BADGED)) {
                // the icon goes with the titles-only level, the badge stays: it is news, not decoration
                badged.getChildren().get(0).setVisible(level != TITLES);
                badged.getChildren().get(0).setManaged(level != TITLES);
                tab.setGraphic(badged);
            } else {
                tab.setGraphic(level == TITLES ? null : graphic);
            }
            tab.setTooltip(level == ICONS ? new Tooltip(title) : null);
        }
    }
}
