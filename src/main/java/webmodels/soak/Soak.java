package webmodels.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import webmodels.model.Model;

/**
 * {@code soak [MINUTES] [MODEL...]}: every named model (by default every connection-keeping model)
 * served from its own JVM, all at once, under a mix of good and rude clients for MINUTES; then a
 * table of what each model answered and failed, and its descriptors, threads and memory before,
 * during and after. Exits 1 when any model failed, 2 on bad arguments. See {@code docs/soak.md}.
 *
 * <pre>
 *   start every server --> warm-up load --> settle --> "before" --> measured load (sampled) --> settle --> "after"
 * </pre>
 */
public final class Soak {

    /** The request timeout of the soaked servers: short, so that silent clients are closed many times over. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How many samples the measured load is cut into. */
    static final int SAMPLES = 20;

    private Soak() {
    }

    /** The parsed command line. */
    record Plan(Duration duration, List<Model> models) {

        /** Warm-up before the "before" snapshot: every client once, the JIT and the lazy classes of the server. */
        Duration warmUp() {
            return duration.dividedBy(6).compareTo(Duration.ofSeconds(10)) < 0 ? duration.dividedBy(6) : Duration.ofSeconds(10);
        }

        Duration sampleInterval() {
            Duration interval = duration.dividedBy(SAMPLES);
            return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        }
    }

    public static void main(String[] args) throws Exception {
        Plan plan;
        try {
            plan = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.println("usage: soak [MINUTES] [MODEL...]   (default: 10 minutes, every connection-keeping model)");
            System.exit(2);
            return;
        }
        System.exit(run(plan, System.out) ? 0 : 1);
    }

    static Plan parse(String[] args) {
        double minutes = 10;
        List<String> names = new ArrayList<>(Arrays.asList(args));
        if (!names.isEmpty() && names.getFirst().matches("[0-9]+(\\.[0-9]+)?")) {
            minutes = Double.parseDouble(names.removeFirst());
        }
        if (minutes <= 0 || minutes > 24 * 60) {
            throw new IllegalArgumentException("MINUTES must be above 0 and at most a day, not: " + minutes);
        }
        List<Model> models = names.isEmpty()
                ? Arrays.stream(Model.values()).filter(m -> !ModelSoak.CLOSE_PER_REQUEST.contains(m.modelName)).toList()
                : names.stream().map(Model::byName).distinct().toList();
        return new Plan(Duration.ofMillis(Math.round(minutes * 60_000)), models);
    }

    /** Runs the soak and prints its report to {@code out}; true when every model passed. */
    static boolean run(Plan plan, PrintStream out) throws IOException, InterruptedException {
        List<ModelSoak> soaks = new ArrayList<>();
        try {
            for (Model model : plan.models()) {
                ModelSoak soak = new ModelSoak(model, REQUEST_TIMEOUT);
                soaks.add(soak);
                soak.start();
            }
            out.printf(Locale.ROOT, "soak: %s of %d models at once, after a %d s warm-up; server JVMs %s; request timeout %d s%n",
                    SoakReport.minutes(plan.duration()), soaks.size(), plan.warmUp().toSeconds(),
                    String.join(" ", ModelSoak.SERVER_JVM_FLAGS), REQUEST_TIMEOUT.toSeconds());
            runLoad(soaks, plan.warmUp(), null);
            settle(soaks, false);
            for (ModelSoak soak : soaks) {
                soak.before = soak.stats();
            }
            out.println("soak: warm-up done, measured load begins");
            runLoad(soaks, plan.duration(), plan.sampleInterval());
            settle(soaks, true);
            for (ModelSoak soak : soaks) {
                soak.after = soak.stats();
            }
        } finally {
            for (ModelSoak soak : soaks) {
                soak.close();
            }
        }
        List<SoakResult> results = soaks.stream().map(ModelSoak::result).toList();
        SoakReport.print(results, plan.sampleInterval(), out);
        return results.stream().allMatch(SoakResult::passed);
    }

    /** How long after the end of a load a client may still be in its last round before it counts as stuck. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    /** Loads every model at once for {@code length}; samples each server every {@code sampleEvery} when not null. */
    private static void runLoad(List<ModelSoak> soaks, Duration length, Duration sampleEvery) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        Map<ModelSoak, List<Thread>> clients = new LinkedHashMap<>();
        for (ModelSoak soak : soaks) {
            clients.put(soak, soak.startLoad(end));
        }
        if (sampleEvery != null) {
            for (long next = System.nanoTime(); next < end; next += sampleEvery.toNanos()) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                for (ModelSoak soak : soaks) {
                    if (soak.serverAlive()) {
                        soak.samples.add(soak.stats());
                    }
                }
            }
        }
        // A client ends at its first round after the end, and every read waits at most its client
        // timeout; a write to a server that stops reading could still block: that is counted.
        long stuckDeadline = end + STUCK_AFTER.toNanos();
        for (Map.Entry<ModelSoak, List<Thread>> entry : clients.entrySet()) {
            for (Thread client : entry.getValue()) {
                client.join(Duration.ofNanos(Math.max(1, stuckDeadline - System.nanoTime())));
                if (client.isAlive()) {
                    entry.getKey().tally.unexpected(client.getName(), "still in a round " + STUCK_AFTER.toSeconds() + " s after the end of the load");
                }
            }
        }
    }

    /**
     * Waits until the servers have let go of the load's connections: until each server's
     * descriptors and threads are back to "before" ({@code toBefore}) or stop changing, for at most
     * the request timeout and a margin.
     */
    private static void settle(List<ModelSoak> soaks, boolean toBefore) throws InterruptedException {
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
        List<ProcessStats> last = null;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            List<ProcessStats> now = soaks.stream().map(ModelSoak::stats).toList();
            boolean settled = true;
            for (int i = 0; i < soaks.size(); i++) {
                ProcessStats stats = now.get(i);
                ModelSoak soak = soaks.get(i);
                settled &= toBefore
                        ? stats.descriptors() <= soak.before.descriptors() && stats.threads() <= soak.before.threads()
                        : last != null && stats.descriptors() == last.get(i).descriptors() && stats.threads() == last.get(i).threads();
            }
            if (settled) {
                return;
            }
            last = now;
        }
    }
}
