package dev.paddock.app.console;

import javafx.scene.control.Tooltip;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.TwoDimensional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Output lines tied to what caused them (a line "Permission denied" to the denial the trace saw), when a
 * {@link Marker} can tell. Each line is asked once, when it is complete and shown; a marked line gets the paragraph
 * style "marked-line", a tooltip with the mark's words, and a click that opens it. Lines that leave the console
 * (trimmed, cleared) lose their marks.
 */
public final class LineMarks {
    /** Ties a line to its cause; returns null when it cannot tell. */
    @FunctionalInterface
    public interface Marker {
        Mark mark(String line);
    }

    /**
     * What a line is tied to.
     *
     * @param tip  the words its tooltip shows
     * @param open what a click on it does
     */
    public record Mark(String tip, Runnable open) {
    }

    private final StyleClassedTextArea area;
    private final Map<Long, Mark> marks = new HashMap<>();
    private final Tooltip tooltip = new Tooltip();
    private Marker marker;
    /** Paragraphs removed from the top so far: a paragraph's number is this plus its index. */
    private long removed;
    /** The first paragraph (by number) not asked yet. */
    private long next;

    LineMarks(StyleClassedTextArea area) {
        this.area = area;
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        area.setMouseOverTextDelay(Duration.ofMillis(300));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            Mark mark = at(area.offsetToPosition(e.getCharacterIndex(), TwoDimensional.Bias.Forward).getMajor());
            if (mark != null) {
                tooltip.setText(mark.tip());
                tooltip.show(area, e.getScreenPosition().getX() + 12, e.getScreenPosition().getY() + 12);
            }
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> tooltip.hide());
        area.setOnMouseClicked(e -> {
            if (e.isStillSincePress() && marker != null) {
                int paragraph = area.offsetToPosition(area.hit(e.getX(), e.getY()).getInsertionIndex(),
                        TwoDimensional.Bias.Forward).getMajor();
                Mark mark = at(paragraph);
                if (mark != null) {
                    mark.open().run();
                }
            }
        });
    }

    void marker(Marker value) {
        this.marker = value;
    }

    /** Asks the marker about every complete line shown since the last scan (the last line may still grow). */
    void scan() {
        StyleClassedTextArea text = area;
        if (marker == null) {
            return;
        }
        int complete = text.getParagraphs().size() - 1;
        for (long number = Math.max(next, removed); number - removed < complete; number++) {
            int index = (int) (number - removed);
            Mark mark = marker.mark(text.getParagraph(index).getText());
            if (mark != null) {
                marks.put(number, mark);
                text.setParagraphStyle(index, List.of("marked-line"));
            }
        }
        next = Math.max(next, removed + Math.max(0, complete));
    }

    void removed(int paragraphs) {
        removed += paragraphs;
        marks.keySet().removeIf(number -> number < removed);
    }

    void clear() {
        removed = 0;
        next = 0;
        marks.clear();
    }

    /** The mark of the paragraph at this index, or null. */
    public Mark at(int paragraph) {
        return marks.get(removed + paragraph);
    }

    /** The text of every marked line still shown, oldest first. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            if (at(i) != null) {
                out.add(area.getParagraph(i).getText());
            }
        }
        return out;
    }
}
