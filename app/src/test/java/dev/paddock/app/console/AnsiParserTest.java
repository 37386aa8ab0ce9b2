package dev.paddock.app.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Terminal output to styled runs. */
class AnsiParserTest {

    @Test
    void coloursAndWeightsBecomeStyleClasses() {
        List<AnsiParser.Run> runs = new AnsiParser("stdout").parse("plain \u001b[1;31mred bold\u001b[0m back\n");
        assertEquals(List.of(
                new AnsiParser.Run("plain ", List.of("stdout"), false),
                new AnsiParser.Run("red bold", List.of("stdout", "ansi-fg-1", "ansi-bold"), false),
                new AnsiParser.Run(" back\n", List.of("stdout"), false)), runs);
    }

    @Test
    void brightAnd256ColourIndexesUpTo15AreKept() {
        assertEquals(List.of("stdout", "ansi-fg-12"), new AnsiParser("stdout").parse("\u001b[94mx").get(0).styles());
        assertEquals(List.of("stdout", "ansi-fg-9"), new AnsiParser("stdout").parse("\u001b[38;5;9mx").get(0)
                .styles());
        assertEquals(List.of("stdout"), new AnsiParser("stdout").parse("\u001b[38;2;1;2;3mx").get(0).styles());
    }

    @Test
    void otherEscapeSequencesAreDropped() {
        List<AnsiParser.Run> runs = new AnsiParser("stdout").parse("\u001b[2K\u001b]0;title\u0007a\u001b[1Gb\u0007");
        assertEquals("ab", runs.stream().map(AnsiParser.Run::text).reduce("", String::concat));
    }

    @Test
    void aCarriageReturnRedrawsTheLineButCrlfIsANewline() {
        List<AnsiParser.Run> runs = new AnsiParser("stdout").parse("10%\r50%\r100%\r\ndone\r\n");
        assertEquals(List.of(new AnsiParser.Run("10%", List.of("stdout"), false),
                new AnsiParser.Run("50%", List.of("stdout"), true),
                new AnsiParser.Run("100%\ndone\n", List.of("stdout"), true)), runs);
    }

    @Test
    void sequencesSplitAcrossChunksStillWork() {
        AnsiParser parser = new AnsiParser("stdout");
        assertEquals(List.of(new AnsiParser.Run("a", List.of("stdout"), false)), parser.parse("a\u001b[3"));
        assertEquals(List.of(new AnsiParser.Run("green\r", List.of("stdout", "ansi-fg-2"), false)).get(0).styles(),
                parser.parse("2mgreen\r").get(0).styles());
        assertEquals(List.of(new AnsiParser.Run("\n", List.of("stdout", "ansi-fg-2"), false)), parser.parse("\n"));
    }
}
