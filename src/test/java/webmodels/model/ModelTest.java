package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ModelTest {

    @Test
    void findsEveryModelByItsName() {
        for (Model model : Model.values()) {
            assertEquals(model, Model.byName(model.modelName));
            assertEquals(model, Model.byName(model.modelName.toUpperCase()));
        }
    }

    @Test
    void namesAreDistinctLowerCaseWords() {
        Set<String> seen = new HashSet<>();
        for (Model model : Model.values()) {
            assertTrue(model.modelName.matches("[a-z0-9]+(-[a-z0-9]+)*"), model.modelName);
            assertTrue(seen.add(model.modelName), "two models named " + model.modelName);
            assertEquals(model.modelName, model.toString());
        }
    }

    @Test
    void anUnknownNameFailsWithEveryModelName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.byName("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
        Arrays.stream(Model.values()).forEach(model -> assertTrue(e.getMessage().contains(model.modelName), e.getMessage()));
    }
}
