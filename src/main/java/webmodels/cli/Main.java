package webmodels.cli;

import java.util.Arrays;
import webmodels.model.Model;
import webmodels.report.ReportCommand;

/**
 * The command line: {@code java -cp target/benchmarks.jar webmodels.cli.Main COMMAND ...}. The
 * benchmarks themselves run through JMH's own main, the jar's entry point.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int status = switch (args[0]) {
            case "serve" -> ServeCommand.run(rest);
            case "load" -> LoadCommand.run(rest);
            case "report" -> ReportCommand.run(rest);
            default -> {
                System.err.println("unknown command '" + args[0] + "'\n" + usage());
                yield 2;
            }
        };
        System.exit(status);
    }

    static String usage() {
        return """
                usage: webmodels COMMAND [ARGS]
                  serve MODEL [--port 9527] [--host 127.0.0.1] [--work none|cpu:50us|sleep:1ms]
                              [--request-timeout 10s] [--stats-port P] [--OPTION VALUE ...]   run one model in the foreground
                  load URL --rate R --connections C --duration D [--warmup 1s] [--timeout 2s]   open-loop load on a loopback or private-network server
                  report [--out DIR] [--scale auto|log|linear] [FILE.json ...]   README.md and SVG charts from JMH JSON
                  report --compare BEFORE.json AFTER.json                        after/before ratios, noise flagged
                models: """ + Model.names();
    }
}
