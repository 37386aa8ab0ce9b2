package dev.paddock.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code paddock run} as picocli sees it: only for {@code paddock help run} and the command list. {@link PaddockCli}
 * hands {@code run} to {@link RunMain} before picocli is even loaded.
 */
@Command(name = "run", description = "Run COMMAND in a Landlock sandbox (landrun's flags; see paddock run --help).")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "[FLAGS] [--] COMMAND [ARGS]", arity = "0..*")
    private List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        return RunMain.run(words, System.out, System.err);
    }
}
