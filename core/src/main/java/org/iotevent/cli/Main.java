package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.iotevent.capture.CaptureFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code iotevent <command> ...}. */
@Command(
        name = "iotevent",
        footerHeading = "%nExamples:%n",
        footer = {"  iotevent demo", "  iotevent help train"},
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Finds which events of a smart-home device leak through its encrypted traffic, "
                + "and detects them in sniffed traffic.",
        subcommands = {
            DemoCommand.class,
            InspectCommand.class,
            CaptureCommand.class,
            TrainCommand.class,
            DetectCommand.class,
            DevicesCommand.class,
            EvaluateCommand.class,
            DefendCommand.class,
            ReportCommand.class,
            SimulateCommand.class,
            PublishCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        SignatureReadAhead.start(args);
        CommandLine cli = newCommandLine(args);
        cli.setOut(StandardOutput.writer());
        cli.setErr(StandardOutput.errorWriter());
        System.exit(execute(cli, args));
    }

    /**
     * Runs the command. A capture file read through mapped pages that another program cuts short
     * while it is read faults where the reader does not look for it (its readers report it as a
     * damaged capture when they meet it): one line and exit 1 here too, not a JVM error's trace.
     */
    static int execute(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (InternalError e) {
            if (!CaptureFormatException.isMappedPageFault(e)) {
                throw e;
            }
            cli.getErr().println("iotevent: a capture file was cut short or rewritten by another program while it was read");
            cli.getErr().flush();
            return 1;
        }
    }

    /** The configured command line, also what tests execute. */
    public static CommandLine newCommandLine() {
        return configured(new CommandLine(new Main()));
    }

    /**
     * The command line for {@code args}: when the first names a command, a root holding only that
     * command (picocli builds the model of every option of every command it holds: a tenth of a
     * second of a one-shot run for the ten not run); otherwise (no arguments, options, {@code help},
     * an unknown name) the whole tree. Both print and exit alike for the command run.
     */
    static CommandLine newCommandLine(String... args) {
        Class<?> invoked = args.length == 0 ? null : command(args[0]);
        if (invoked == null) {
            return newCommandLine();
        }
        CommandLine cli = new CommandLine(new Root());
        cli.addSubcommand(new CommandLine(invoked));
        return configured(cli);
    }

    private static CommandLine configured(CommandLine cli) {
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    /**
     * The subcommand class (other than {@code help}) {@code name} names, or null: read from the
     * annotations alone, only the one of the class named after it ({@code detect}: {@code
     * DetectCommand}) parsed (picocli reads it next; parsing the other ten costs a one-shot run
     * some 10 ms of start-up).
     */
    private static Class<?> command(String name) {
        String className = name + "command";
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            if (c != CommandLine.HelpCommand.class && c.getSimpleName().equalsIgnoreCase(className)
                    && c.getAnnotation(Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** {@link Main} without its subcommands: the root above the one command run. */
    @Command(name = "iotevent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Root {}

    /**
     * The handler of a command's failures: a class, not a lambda, so that the class-data archive
     * holds picocli's interface (JDK 17 leaves an old class file's interface out of it once a
     * lambda has linked it: every run then loaded and verified it and picocli's own handler from
     * the jar, and spun the lambda's class).
     */
    private static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
            return handleFailure(e, cli);
        }
    }

    /**
     * A user's mistake or a damaged input gets one line on stderr and exit 1; a stack trace
     * only for a bug (an unexpected runtime exception) or when IOTEVENT_DEBUG is set.
     */
    private static int handleFailure(Exception e, CommandLine cli) {
        PrintWriter err = cli.getErr();
        if (e instanceof StandardOutput.Failed f && f.brokenPipe()) {
            return 141; // as a tool killed by SIGPIPE: the reader has all it wanted, nothing to say
        }
        Throwable cause = e instanceof UncheckedIOException u && !(e instanceof StandardOutput.Failed) ? u.getCause() : e;
        boolean userFacing = cause instanceof IOException || cause instanceof UserInputException
                || cause instanceof StandardOutput.Failed;
        err.println("iotevent: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        if (!userFacing || System.getenv("IOTEVENT_DEBUG") != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return userFacing ? 1 : 70;
    }

    /** The tool and its version, for provenance: {@code iotevent 0.1.0-SNAPSHOT} or {@code iotevent development}. */
    static String toolVersion() {
        return new Version().getVersion()[0];
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"iotevent " + (v == null ? "development" : v)};
        }
    }
}
