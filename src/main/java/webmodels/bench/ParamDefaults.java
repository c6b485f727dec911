package webmodels.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * A benchmark's model options as they are when every {@code @Param} has its declared default. The
 * defaults name the model's own defaults (loops, workers, ...), so a server started without an
 * option runs what the benchmark's default stands for: {@link RemoteServer} accepts that.
 */
final class ParamDefaults {

    private ParamDefaults() {
    }

    static Map<String, String> options(ServerBenchmark benchmark) {
        ServerBenchmark fresh;
        try {
            fresh = benchmark.benchmarkClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(benchmark.benchmarkClass().getName() + " needs a public no-argument constructor, as JMH does", e);
        }
        for (Class<?> type = fresh.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null && param.value().length > 0 && !Modifier.isStatic(field.getModifiers())) {
                    set(fresh, field, param.value()[0]);
                }
            }
        }
        return fresh.options();
    }

    private static void set(Object target, Field field, String value) {
        try {
            Class<?> type = field.getType();
            if (type == String.class) {
                field.set(target, value);
            } else if (type == int.class) {
                field.setInt(target, Integer.parseInt(value));
            } else if (type == long.class) {
                field.setLong(target, Long.parseLong(value));
            } else if (type == boolean.class) {
                field.setBoolean(target, Boolean.parseBoolean(value));
            } else if (type == double.class) {
                field.setDouble(target, Double.parseDouble(value));
            } // other types name no model option: left as they are
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JMH's @Param fields are public; " + field + " is not", e);
        }
    }
}
