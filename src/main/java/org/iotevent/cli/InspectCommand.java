package org.iotevent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code iotevent inspect}: one row per packet, as {@code tshark -T fields} would print it. */
@Command(name = "inspect", description = "Print one row per packet of a capture (TSV or table).")
public final class InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserInputException("inspect is not built yet");
    }
}
