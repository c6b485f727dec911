package webmodels.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import webmodels.http.Work;
import webmodels.model.Model;

/** The typed option values of the commands: picocli calls these and prints their message on a bad value. */
final class Converters {

    private Converters() {
    }

    /** A duration above zero: 10s, 500ms, 250us. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = Work.parseDuration(value);
            if (duration == null || duration.isZero()) {
                throw new TypeConversionException("a duration such as 10s or 500ms, not: " + value);
            }
            return duration;
        }
    }

    /** A duration of zero or more: 0s, 1s, 500ms. */
    static final class NonNegativeDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = Work.parseDuration(value);
            if (duration == null) {
                throw new TypeConversionException("a duration such as 0s, 1s or 500ms, not: " + value);
            }
            return duration;
        }
    }

    /** A number of requests per second above zero. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double rate = Double.parseDouble(value);
                if (rate > 0 && !Double.isInfinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // not a number: the same message as out of range
            }
            throw new TypeConversionException("a positive number of requests per second, not: " + value);
        }
    }

    /** A TCP port, 0 (any free one) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return whole(value, 0, 65_535);
        }
    }

    /** A number of client connections, 1 to 10,000. */
    static final class Connections implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return whole(value, 1, 10_000);
        }
    }

    /** The handler's work per request: none, cpu:50us, sleep:1ms. */
    static final class WorkOption implements ITypeConverter<Work> {
        @Override
        public Work convert(String value) {
            try {
                return Work.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A model by its one name. */
    static final class ModelName implements ITypeConverter<Model> {
        @Override
        public Model convert(String value) {
            try {
                return Model.byName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static int whole(String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // not a whole number: the same message as out of range
        }
        throw new TypeConversionException("a whole number from " + min + " to " + max + ", not: " + value);
    }
}
