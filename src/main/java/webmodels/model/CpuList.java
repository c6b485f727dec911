package webmodels.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of CPUs in the kernel's list format ({@code 0}, {@code 0-1}, {@code 0,2-3}), as
 * {@code taskset -c} takes it and {@code /proc/PID/status} shows it: where a forked server is
 * pinned, so that the server and the client each have cores of their own.
 *
 * @param text the list as given
 * @param cpus the CPU numbers it names
 */
public record CpuList(String text, SortedSet<Integer> cpus) {

    private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    public CpuList {
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }

    /** Reads a list; fails with what was given and the form expected. */
    public static CpuList parse(String text) {
        SortedSet<Integer> cpus = new TreeSet<>();
        try {
            for (String part : text.trim().split(",", -1)) {
                int dash = part.indexOf('-');
                int first = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
                int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1).trim());
                if (first < 0 || last < first || last - first > 4096) {
                    throw new NumberFormatException("bad range " + part);
                }
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CPU list such as 0, 0-1 or 0,2-3", e);
        }
        return new CpuList(text.trim(), cpus);
    }

    /** The CPUs this machine has online ({@code /sys/devices/system/cpu/online}). */
    public static CpuList online() {
        try {
            return parse(Files.readString(ONLINE, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ONLINE + " (pinning needs Linux): " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless every CPU of this list is online on this machine, naming what was asked
     * ({@code asked}, e.g. {@code serverCpus=5}) and the CPUs there are.
     */
    public CpuList requireOnline(String asked) {
        CpuList online = online();
        if (!online.cpus().containsAll(cpus)) {
            throw new IllegalArgumentException(asked + ": this machine has CPUs " + online.text() + " only");
        }
        return this;
    }

    /**
     * The command that runs a program pinned to these CPUs, to put before it: {@code taskset -c LIST}
     * execs the program, which keeps taskset's pid and is pinned from its first instruction.
     */
    public List<String> tasksetPrefix() {
        return List.of("taskset", "-c", text);
    }

    /** The CPUs a process may run on now, from {@code /proc/PID/status}; null when it is gone. */
    public static CpuList allowedOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring("Cpus_allowed_list:".length()));
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the process ended while we looked
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
