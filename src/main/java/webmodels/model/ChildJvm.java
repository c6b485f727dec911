package webmodels.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import webmodels.http.Limits;
import webmodels.http.Work;

/**
 * What the process models share about their child processes: how a child JVM is launched (same
 * java binary and class path as this one; flags that make a one-request child start fast, or this
 * JVM's own settings for a long-lived worker), how the parent's
 * configuration travels to it as arguments, how a child notices its parent is gone, and how the
 * parent stops its children for good.
 */
final class ChildJvm {

    /**
     * Flags that shorten a child JVM's start: C1 only
     * (C2 would never pay off), the serial collector (no GC threads to start), the JDK's
     * class-data-sharing archive, small thread stacks, and no hsperfdata file to create per child.
     */
    static final List<String> FAST_START_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xss256k", "-XX:-UsePerfData");

    /** How long a child may take to stop once asked before it gets SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private ChildJvm() {
    }

    /** The command that runs {@code main} in a new short-lived JVM, with {@link #FAST_START_FLAGS}. */
    static List<String> command(Class<?> main, List<String> args) {
        return command(main, FAST_START_FLAGS, args);
    }

    /**
     * The command that runs {@code main} in a new long-lived JVM (a prefork worker) with this JVM's
     * JIT, GC, heap and stack settings ({@link #parentJvmFlags}), so that a worker compiles and
     * collects as a server in this JVM would, and their CPU time compares with the other models'.
     */
    static List<String> longLivedCommand(Class<?> main, List<String> args) {
        return command(main, parentJvmFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()), args);
    }

    /**
     * The flags among {@code inputArguments} that set the JIT, the GC, the heap or thread stacks:
     * {@code -XX:...}, {@code -Xmx}, {@code -Xms}, {@code -Xmn}, {@code -Xss}. Left out:
     * {@code -XX:CompileCommandFile}, a file JMH writes for its own fork and may delete, and
     * everything else (agents, properties, debugging).
     */
    static List<String> parentJvmFlags(List<String> inputArguments) {
        return inputArguments.stream()
                .filter(arg -> arg.startsWith("-XX:") || arg.startsWith("-Xmx") || arg.startsWith("-Xms")
                        || arg.startsWith("-Xmn") || arg.startsWith("-Xss"))
                .filter(arg -> !arg.startsWith("-XX:CompileCommandFile="))
                .toList();
    }

    /** The command that runs {@code main} in a new JVM with the given JVM flags and arguments. */
    static List<String> command(Class<?> main, List<String> jvmFlags, List<String> args) {
        String java = ProcessHandle.current().info().command().orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /** The prefix of a model option among a child's arguments: {@code option.workers=8}. */
    private static final String OPTION = "option.";

    /**
     * All of {@code config} (address, every limit, work, the model's options), with {@code port}
     * in place of the configured one, as arguments.
     */
    static List<String> configArgs(ServerConfig config, int port) {
        Limits limits = config.limits();
        Work work = config.work();
        List<String> args = new ArrayList<>(List.of(
                "host=" + config.host().getHostAddress(),
                "port=" + port,
                "work=" + (work.kind() == Work.Kind.NONE ? "none"
                        : work.kind().name().toLowerCase(Locale.ROOT) + ":" + work.duration().toNanos() + "ns"),
                "limits=" + limits.maxTargetLength() + "," + limits.maxHeaderBytes() + "," + limits.maxHeaderCount()
                        + "," + limits.maxBodyBytes() + "," + limits.requestTimeout().toNanos()));
        new TreeMap<>(config.options()).forEach((name, value) -> args.add(OPTION + name + "=" + value));
        return args;
    }

    /** Reads what {@link #configArgs} wrote. */
    static ServerConfig parseConfig(String[] args) throws IOException {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("child arguments are name=value, not: " + arg);
            }
            String name = arg.substring(0, equals);
            if (name.startsWith(OPTION)) {
                options.put(name.substring(OPTION.length()), arg.substring(equals + 1));
            } else {
                values.put(name, arg.substring(equals + 1));
            }
        }
        String[] limits = require(values, "limits").split(",");
        if (limits.length != 5) {
            throw new IllegalArgumentException("limits needs five numbers, not: " + values.get("limits"));
        }
        Limits parsedLimits = new Limits(Integer.parseInt(limits[0]), Integer.parseInt(limits[1]),
                Integer.parseInt(limits[2]), Long.parseLong(limits[3]), Duration.ofNanos(Long.parseLong(limits[4])));
        return new ServerConfig(InetAddress.getByName(require(values, "host")), Integer.parseInt(require(values, "port")),
                parsedLimits, Work.parse(require(values, "work")), options);
    }

    private static String require(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("child argument missing: " + name);
        }
        return value;
    }

    /**
     * In a child: says {@value ReadyChild#READY} and the port of the started {@code server}, hands
     * each line the parent sends to {@code onLine}, and when the parent closes our standard input
     * (or dies) closes the server and exits.
     */
    static void serveUntilParentCloses(Server server, Consumer<String> onLine) {
        System.out.println(ReadyChild.READY + " " + server.port());
        System.out.flush();
        try {
            BufferedReader fromParent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = fromParent.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
        server.close();
        System.exit(0);
    }

    /**
     * Ends this (child) JVM as soon as the process that started it ends, even by SIGKILL, when no
     * pipe would tell: the JDK polls the parent's liveness, by pid and start time.
     */
    static void exitWhenParentExits() {
        ProcessHandle.current().parent().ifPresent(ChildJvm::watchParent);
    }

    /**
     * The JDK reads {@code /proc/PID/stat} to tell whether the parent lives, and a process out of
     * descriptors cannot open it: the JDK then reports the parent gone. So the news is checked
     * with a stat of {@code /proc/PID}, which takes no descriptor, before this JVM ends; after a
     * false alarm the watch starts again a moment later.
     */
    private static void watchParent(ProcessHandle parent) {
        parent.onExit().thenRun(() -> {
            if (Files.exists(Path.of("/proc", Long.toString(parent.pid())))) {
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> watchParent(parent));
            } else {
                Runtime.getRuntime().halt(0);
            }
        });
    }

    /**
     * Stops every process in {@code processes} and waits until each is gone. The polite request is
     * the end of its standard input, which every child reads as "the parent is done" (no SIGTERM:
     * a JVM that gets one while still booting prints a spurious logging error); SIGKILL for those
     * still alive after {@link #STOP_GRACE}.
     */
    static void stopAll(Collection<Process> processes) {
        stopAll(processes, STOP_GRACE);
    }

    /** {@link #stopAll(Collection)} with {@code grace} to stop before SIGKILL, for the process and its own children. */
    static void stopAll(Collection<Process> processes, Duration grace) {
        for (Process process : processes) {
            Closing.quietly(process.getOutputStream()); // a broken pipe: the child is gone or going anyway
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process process : processes) {
            waitUntil(process, deadline);
        }
        for (Process process : processes) {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // they would outlive it for a moment
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            waitUntil(process, Long.MAX_VALUE);
        }
    }

    /** Waits until {@code process} has exited or {@code deadline} (System.nanoTime) has passed. */
    static boolean waitUntil(Process process, long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    return process.waitFor(Math.max(0, remaining), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // stopping children must finish: remember, and keep waiting
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
