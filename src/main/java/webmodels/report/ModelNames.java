package webmodels.report;

import java.util.Locale;
import webmodels.model.Model;

/**
 * Model names from benchmark names: {@code webmodels.bench.models.ThreadPoolBenchmark} is the
 * model {@code thread-pool}, the name {@link Model} gives it. Classes outside that pattern keep
 * their full name, so that nothing is silently merged or renamed.
 */
final class ModelNames {

    static final String MODELS_PACKAGE = "webmodels.bench.models.";
    private static final String SUFFIX = "Benchmark";

    private ModelNames() {
    }

    static String ofBenchmarkClass(String className) {
        if (!className.startsWith(MODELS_PACKAGE) || !className.endsWith(SUFFIX)) {
            return className;
        }
        String simple = className.substring(MODELS_PACKAGE.length(), className.length() - SUFFIX.length());
        if (simple.isEmpty() || simple.contains(".")) {
            return className;
        }
        return canonical(kebabCase(simple));
    }

    /**
     * The {@link Model} name spelled the way the registry spells it when one matches ignoring
     * case and hyphens ({@code NettyIOUring} and {@code netty-io-uring}), otherwise the name as
     * given: a model added after this code was written still gets its own row.
     */
    static String canonical(String name) {
        String squashed = squash(name);
        for (Model model : Model.values()) {
            if (squash(model.modelName).equals(squashed)) {
                return model.modelName;
            }
        }
        return name;
    }

    /** {@code ThreadPerConnection} -> {@code thread-per-connection}; acronyms stay one word. */
    static String kebabCase(String pascal) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pascal.length(); i++) {
            char c = pascal.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                char before = pascal.charAt(i - 1);
                boolean nextIsLower = i + 1 < pascal.length() && Character.isLowerCase(pascal.charAt(i + 1));
                if (!Character.isUpperCase(before) || nextIsLower) {
                    sb.append('-');
                }
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** Position in the {@link Model} registry, for a stable order; unknown models sort last. */
    static int order(String modelName) {
        for (Model model : Model.values()) {
            if (model.modelName.equals(modelName)) {
                return model.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String squash(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
