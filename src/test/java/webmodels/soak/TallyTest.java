package webmodels.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {

    private final Tally tally = new Tally();

    @Test
    void aFreshTallyIsClean() {
        assertTrue(tally.clean());
        assertEquals(0, tally.answered());
        assertEquals(List.of(), tally.problems());
    }

    @Test
    void expectedOutcomesAreCountedAndStayClean() {
        tally.answered(100);
        tally.expected("malformed: 400");
        tally.expected("malformed: 400");
        tally.expected("reset mid-request 0");
        assertTrue(tally.clean(), "a 400 for malformed input is what the client asked for, not a failure");
        assertEquals(100, tally.answered());
        assertEquals(3, tally.expectedOutcomes());
        assertEquals(Map.of("malformed: 400", 2L, "reset mid-request 0", 1L), tally.expectedByOutcome());
    }

    @Test
    void aFailedGoodRequestCountsEveryRequestItCost() {
        tally.answered(40);
        tally.failed("pipelined-burst", 60, "EOFException: closed without a response");
        tally.failed("pipelined-burst", 60, "EOFException: closed without a response");
        tally.failed("keep-alive-1", 1, "WrongReply: a keep-alive connection closed");
        assertFalse(tally.clean());
        assertEquals(40, tally.answered(), "failures are not answers");
        assertEquals(121, tally.failedRequests());
        assertEquals(List.of(
                        "1 x failed keep-alive-1: WrongReply: a keep-alive connection closed",
                        "120 x failed pipelined-burst: EOFException: closed without a response"),
                tally.problems(), "grouped by client and reason");
    }

    @Test
    void anUnexpectedOutcomeOfARudeClientIsNotClean() {
        tally.expected("malformed: 400");
        tally.unexpected("malformed", "expected 400 and a close, got 200");
        assertFalse(tally.clean());
        assertEquals(1, tally.unexpectedOutcomes());
        assertEquals(0, tally.failedRequests());
        assertEquals(List.of("1 x unexpected malformed: expected 400 and a close, got 200"), tally.problems());
    }

    @Test
    void aFailureOfNoRequestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> tally.failed("keep-alive-1", 0, "nothing"));
    }

    @Test
    void longReasonsAreCutSoThatTheyGroup() {
        tally.failed("c", 1, "x".repeat(1000) + "a");
        tally.failed("c", 1, "x".repeat(1000) + "b");
        assertEquals(1, tally.problems().size());
        assertTrue(tally.problems().getFirst().startsWith("2 x failed c: xxx"));
    }

    @Test
    void theFirstFailuresOfAReasonKeepTheirDetailWithoutSplittingItsCount() {
        for (int i = 1; i <= Tally.DETAILS_PER_PROBLEM + 2; i++) {
            tally.failed("keep-alive-2", 1, "SocketException: Connection reset", "write " + i);
        }
        tally.unexpected("silent", "no close", "write 0");
        assertEquals(List.of(
                        "1 x unexpected silent: no close",
                        "5 x failed keep-alive-2: SocketException: Connection reset"),
                tally.problems(), "details do not split a reason's count");
        assertEquals(List.of(
                        "5 x failed keep-alive-2: SocketException: Connection reset",
                        "  first: write 1",
                        "  first: write 2",
                        "  first: write 3",
                        "1 x unexpected silent: no close",
                        "  first: write 0"),
                tally.problemsWithDetails(), "the first failures' details, in order, under their problem");
    }
}
