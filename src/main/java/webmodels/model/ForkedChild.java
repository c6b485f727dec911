package webmodels.model;

import java.io.IOException;
import java.util.Arrays;

/**
 * The program a {@link ForkedServer}'s child runs: any model, configured by the same arguments as
 * {@code prefork}'s workers ({@code model=NAME} first, then {@link ChildJvm#configArgs}), with the
 * same handshake: {@value ReadyChild#READY} and the port once it accepts, then it serves until
 * its parent closes its standard input or dies. Each line {@code footprint} from the parent is
 * answered with a line {@code footprint JSON} ({@link Footprint}).
 */
public final class ForkedChild {

    static final String FOOTPRINT = "footprint";

    private ForkedChild() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].startsWith("model=")) {
            throw new IllegalArgumentException("the first argument names the model: model=NAME");
        }
        Model model = Model.byName(args[0].substring("model=".length()));
        ServerConfig config;
        try {
            config = ChildJvm.parseConfig(Arrays.copyOfRange(args, 1, args.length));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad host: " + e.getMessage(), e);
        }
        ChildJvm.exitWhenParentExits();
        Server server = model.create(config);
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("forked " + model + " server cannot start on " + config.host().getHostAddress() + ":" + config.port() + ": " + e);
            System.exit(1);
        }
        ChildJvm.serveUntilParentCloses(server, line -> {
            if (line.equals(FOOTPRINT)) {
                System.out.println(FOOTPRINT + " " + Footprint.ofThisJvm().toJson());
                System.out.flush();
            }
        });
    }
}
