package dev.paddock.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code paddock learn} as picocli sees it: for the command list; {@link PaddockCli} hands it to {@link LearnMain}. */
@Command(name = "learn", description = "Propose a profile for COMMAND by running it confined, traced, round after "
        + "round (see paddock learn --help).")
final class LearnCommand implements Callable<Integer> {

    @Parameters(paramLabel = "[OPTIONS] [--] COMMAND [ARGS]", arity = "0..*")
    private List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        return LearnMain.run(words, System.out, System.err);
    }
}
