package webmodels.model;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import webmodels.http.Handler;
import webmodels.http.HelloHandler;
import webmodels.http.Limits;
import webmodels.http.Work;

/**
 * What every model is started with: where to listen, the limits and work of the shared handler,
 * and the model's own options (workers, loops, ...) as text, read through {@link #intOption} and
 * friends so that a misspelt or malformed option fails with the list of what is allowed.
 */
public record ServerConfig(InetAddress host, int port, Limits limits, Work work, Map<String, String> options) {

    public ServerConfig {
        options = Map.copyOf(options);
    }

    public static ServerConfig loopback(int port) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), port, Limits.DEFAULT, Work.NONE, Map.of());
    }

    public ServerConfig withOptions(Map<String, String> newOptions) {
        return new ServerConfig(host, port, limits, work, newOptions);
    }

    public ServerConfig withOption(String name, String value) {
        Map<String, String> merged = new TreeMap<>(options);
        merged.put(name, value);
        return withOptions(merged);
    }

    public ServerConfig withLimits(Limits newLimits) {
        return new ServerConfig(host, port, newLimits, work, options);
    }

    public ServerConfig withWork(Work newWork) {
        return new ServerConfig(host, port, limits, newWork, options);
    }

    public Handler handler() {
        return new HelloHandler(work);
    }

    /** Fails unless every option given is one of {@code allowed}. */
    public void requireOnly(String model, Set<String> allowed) {
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("model " + model + " has no option '" + name + "'; its options: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
    }

    public int intOption(String name, int defaultValue, int min, int max) {
        String text = options.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("option " + name + " must be a whole number from " + min + " to " + max + ", not: " + text);
    }

    public boolean booleanOption(String name, boolean defaultValue) {
        String text = options.get(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("option " + name + " must be true or false, not: " + text);
        };
    }

    public <E extends Enum<E>> E enumOption(String name, E defaultValue) {
        String text = options.get(name);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            if (constant.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : defaultValue.getDeclaringClass().getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("option " + name + " must be one of " + allowed + ", not: " + text);
    }
}
