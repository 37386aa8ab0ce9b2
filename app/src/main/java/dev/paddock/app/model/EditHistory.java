package dev.paddock.app.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Undo and redo over snapshots of an editor: the states it went through, and where in them it is. Edits of the same
 * source in quick succession (keystrokes in one text field) make one step, as in a text editor; any other edit, or a
 * pause, starts a new one; an edit after an undo drops the steps that were undone.
 *
 * @param <S> a snapshot of the editor, compared with equals
 */
final class EditHistory<S> {
    private static final int MAX_STEPS = 200;
    private static final long TYPING_NANOS = 1_500_000_000L;

    private final List<S> states = new ArrayList<>();
    private int position;
    private Object lastSource;
    private long lastEditNanos;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");

    /** Forgets everything: {@code start} is the only state. */
    void reset(S start) {
        states.clear();
        states.add(start);
        position = 0;
        lastSource = null;
        update();
    }

    /**
     * Records the state after an edit of {@code source}; {@code typing} says whether that source is one where
     * quick edits merge (a text field).
     */
    void record(S now, Object source, boolean typing) {
        if (now.equals(states.get(position))) {
            return;
        }
        long time = System.nanoTime();
        boolean merge = typing && source == lastSource && position > 0 && position == states.size() - 1
                && time - lastEditNanos < TYPING_NANOS;
        states.subList(position + 1, states.size()).clear();
        if (merge) {
            states.set(position, now);
        } else {
            states.add(now);
            position++;
            if (states.size() > MAX_STEPS) {
                states.remove(0);
                position--;
            }
        }
        lastSource = source;
        lastEditNanos = time;
        update();
    }

    /** The state one step back, or null when there is none. */
    S undo() {
        return position > 0 ? moved(--position) : null;
    }

    /** The state one step forward, or null when there is none. */
    S redo() {
        return position < states.size() - 1 ? moved(++position) : null;
    }

    private S moved(int to) {
        lastSource = null;
        update();
        return states.get(to);
    }

    private void update() {
        canUndo.set(position > 0);
        canRedo.set(position < states.size() - 1);
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
