package dev.paddock.bench;

import dev.paddock.app.model.AccessRow;
import dev.paddock.app.model.AccessesModel;
import dev.paddock.app.model.RunSession;
import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A traced, sandboxed child opens files a million times (1,000 distinct files, one in a hundred opens denied), and
 * its Accesses table (the app's model, in a table with the view's columns) follows it live in a real window. Prints
 * the accesses seen, the rows, how often the view was updated, the gaps between FX pulses, and the peak heap.
 *
 * <pre>bench/accesses-flood.sh [OPENS]   (runs this under Xvfb; see docs/PERFORMANCE.md)</pre>
 */
public final class AccessesFloodBenchmark extends Application {
    static final int OPENS = Integer.getInteger("bench.opens", 1_000_000);
    private static final String CHILD = "import os\n"
            + "fs = [os.path.join(d, f) for d, _, names in os.walk('/usr/share/doc') for f in names][:990]\n"
            + "fs += ['/etc/hostname', '/etc/passwd', '/etc/group', '/etc/hosts', '/etc/shells', '/etc/fstab',\n"
            + "       '/etc/issue', '/etc/os-release', '/etc/ld.so.cache', '/etc/nsswitch.conf']\n"
            + "for i in range(" + OPENS + "):\n"
            + "    f = fs[-1 - i // 100 % 10] if i % 100 == 0 else fs[i % (len(fs) - 10)]\n"
            + "    try: os.close(os.open(f, os.O_RDONLY))\n"
            + "    except OSError: pass\n";

    private final AtomicLong peakHeap = new AtomicLong();
    private final List<Long> gaps = new ArrayList<>();
    private final List<String> longGaps = new ArrayList<>();
    private long lastPulse;
    private long started;

    @Override
    public void start(Stage stage) {
        TableView<AccessRow> table = new TableView<>();
        table.setFixedCellSize(Double.parseDouble(System.getProperty("bench.rowHeight", "30"))); // as AccessesView
        table.getColumns().add(column("Process", AccessRow::process));
        table.getColumns().add(column("Operation", AccessRow::operation));
        table.getColumns().add(column("Path or port", AccessRow::target));
        TableColumn<AccessRow, Number> count = new TableColumn<>("Count");
        count.setCellValueFactory(cell -> cell.getValue().countProperty());
        table.getColumns().add(count);
        table.getColumns().add(column("Verdict", AccessRow::sentence));
        Scene scene = new Scene(table, 1280, 800);
        stage.setScene(scene);
        stage.show();
        Settled.then(() -> flood(table));
    }

    private static TableColumn<AccessRow, String> column(String title, Function<AccessRow, String> text) {
        TableColumn<AccessRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(220);
        return column;
    }

    private void flood(TableView<AccessRow> table) {
        PeakHeap.sampleInto(peakHeap);
        Policy policy = Policy.builder().readExec("/usr").command("/usr/bin/python3", "-S", "-I", "-c", CHILD)
                .build();
        started = System.nanoTime();
        RunSession session = RunSession.start(new Profile("accesses flood", "", "", policy), "flood", null, false,
                80, 24, false, true);
        AccessesModel accesses = session.accesses();
        if (!Boolean.getBoolean("bench.detached")) {
            // -Dbench.detached=true: the model follows the run, the table shows nothing (the pulses without the view)
            SortedList<AccessRow> sorted = new SortedList<>(accesses.shown());
            sorted.comparatorProperty().bind(table.comparatorProperty());
            table.setItems(sorted);
        }
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse != 0) {
                    gaps.add(now - lastPulse);
                    if (now - lastPulse > 100_000_000L) {
                        longGaps.add(String.format(Locale.ROOT, "%.0f ms at %.2f s", (now - lastPulse) / 1e6,
                                (lastPulse - started) / 1e9));
                    }
                }
                lastPulse = now;
                if (!session.isActive()) {
                    stop();
                    report(session, accesses);
                    Platform.exit();
                }
            }
        }.start();
    }

    private void report(RunSession session, AccessesModel accesses) {
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = gaps.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "Accesses flood: %,d opens by a traced, sandboxed python3 (%s)%n", OPENS,
                session.statusProperty().get());
        System.out.printf(Locale.ROOT, "  accesses seen      %,d in %.2f s (%,.0f a second)%n",
                accesses.eventsProperty().get(), seconds, accesses.eventsProperty().get() / seconds);
        System.out.printf(Locale.ROOT, "  rows               %,d (%,d denied accesses, %,d not kept)%n",
                accesses.rows().size(), accesses.deniedProperty().get(), accesses.droppedProperty().get());
        System.out.printf(Locale.ROOT, "  view updates       %,d (%.1f a second)%n", accesses.updatesProperty().get(),
                accesses.updatesProperty().get() / seconds);
        System.out.printf(Locale.ROOT, "  pulses             %d, p50 gap %.1f ms, p99 gap %.1f ms, longest %.1f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
        if (!longGaps.isEmpty()) {
            System.out.println("  gaps over 100 ms   " + String.join(", ", longGaps.subList(0, Math.min(12,
                    longGaps.size()))) + (longGaps.size() > 12 ? " and " + (longGaps.size() - 12) + " more" : "")
                    + " (from the start of the run)");
        }
        System.out.printf(Locale.ROOT, "  peak heap used     %.1f MB (max heap %d MB)%n", peakHeap.get() / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
