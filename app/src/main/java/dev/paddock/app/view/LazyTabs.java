package dev.paddock.app.view;

import javafx.scene.Node;
import javafx.scene.control.Tab;

import java.util.Locale;
import java.util.function.Supplier;

/** Tabs whose content is built the first time they are shown, so the window's first frame comes sooner. */
final class LazyTabs {

    private LazyTabs() {
    }

    static Tab tab(String title, String icon, Supplier<Node> content) {
        Tab tab = new Tab(title);
        tab.setGraphic(Forms.icon(icon));
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(content.get());
            }
        });
        return tab;
    }
}
