package webmodels.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import webmodels.report.ReportCommand;

/**
 * The command line: {@code java -cp target/benchmarks.jar webmodels.cli.Main COMMAND ...}, with
 * {@code serve}, {@code load} and {@code report}; {@code COMMAND --help} explains each. The
 * benchmarks themselves run through JMH's own main, the jar's entry point.
 */
@Command(name = "webmodels", synopsisHeading = "usage: ",
        subcommands = {ServeCommand.class, LoadCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        description = "The webmodels commands; ./run-bench.sh serve|load|report ... runs them.")
public final class Main implements Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(new Main(), out, err).execute(args);
    }

    /** No command: the list of commands, and a usage error's status. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: serve, load or report");
    }

    /**
     * A picocli command line for {@code command} (and its subcommands) that writes to {@code out}
     * and {@code err}. A bad argument prints its error, the command's synopsis and a pointer to
     * {@code --help}, not the whole help, so that the error is the first thing read; status 2.
     */
    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine failed = e.getCommandLine();
                    PrintWriter errors = failed.getErr();
                    Help help = failed.getHelp();
                    errors.println(failed.getCommandName() + ": " + e.getMessage());
                    errors.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
                    errors.println("'" + failed.getCommandName() + " --help' explains every option.");
                    errors.flush();
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                });
    }
}
