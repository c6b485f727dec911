package webmodels.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
     * Flags that cut a child JVM's start (by about a quarter in a handful of starts here): C1 only
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
        return command(main, args, FAST_START_FLAGS);
    }

    /**
     * The command that runs {@code main} in a new long-lived JVM (a prefork worker) with this JVM's
     * JIT, GC, heap and stack settings ({@link #parentJvmFlags}), so that a worker compiles and
     * collects as a server in this JVM would, and their CPU time compares with the other models'.
     */
    static List<String> longLivedCommand(Class<?> main, List<String> args) {
        return command(main, args, parentJvmFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
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

    private static List<String> command(Class<?> main, List<String> args, List<String> flags) {
        String java = ProcessHandle.current().info().command().orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /** The parts of {@code config} a child needs, with {@code port} in place of the configured one, as arguments. */
    static List<String> configArgs(ServerConfig config, int port) {
        Limits limits = config.limits();
        Work work = config.work();
        return List.of(
                "host=" + config.host().getHostAddress(),
                "port=" + port,
                "work=" + (work.kind() == Work.Kind.NONE ? "none"
                        : work.kind().name().toLowerCase(Locale.ROOT) + ":" + work.duration().toNanos() + "ns"),
                "limits=" + limits.maxTargetLength() + "," + limits.maxHeaderBytes() + "," + limits.maxHeaderCount()
                        + "," + limits.maxBodyBytes() + "," + limits.requestTimeout().toNanos());
    }

    /** Reads what {@link #configArgs} wrote. */
    static ServerConfig parseConfig(String[] args) throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("child arguments are name=value, not: " + arg);
            }
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        String[] limits = require(values, "limits").split(",");
        if (limits.length != 5) {
            throw new IllegalArgumentException("limits needs five numbers, not: " + values.get("limits"));
        }
        Limits parsedLimits = new Limits(Integer.parseInt(limits[0]), Integer.parseInt(limits[1]),
                Integer.parseInt(limits[2]), Long.parseLong(limits[3]), Duration.ofNanos(Long.parseLong(limits[4])));
        return new ServerConfig(InetAddress.getByName(require(values, "host")), Integer.parseInt(require(values, "port")),
                parsedLimits, Work.parse(require(values, "work")), Map.of());
    }

    private static String require(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("child argument missing: " + name);
        }
        return value;
    }

    /**
     * Ends this (child) JVM as soon as the process that started it ends, even by SIGKILL, when no
     * pipe would tell: the JDK polls the parent's liveness, by pid and start time.
     */
    static void exitWhenParentExits() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    }

    /**
     * Stops every process in {@code processes} and waits until each is gone. The polite request is
     * the end of its standard input, which every child reads as "the parent is done" (no SIGTERM:
     * a JVM that gets one while still booting prints a spurious logging error); SIGKILL for those
     * still alive after {@link #STOP_GRACE}.
     */
    static void stopAll(Collection<Process> processes) {
        for (Process process : processes) {
            closeQuietly(process.getOutputStream());
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process process : processes) {
            waitUntil(process, deadline);
        }
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            waitUntil(process, Long.MAX_VALUE);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the pipe is broken already: the child is gone or going
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
