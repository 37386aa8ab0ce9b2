package dev.paddock.app.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Core's messages, which the CLI prints after "paddock: ", shown on their own in the window as sentences. */
class FormsTest {

    @Test
    void aMessageOnItsOwnStartsWithACapital() {
        assertEquals("The working directory /no/such/dir does not exist",
                Forms.sentence("the working directory /no/such/dir does not exist"));
        assertEquals("Cannot predict: bad", Forms.sentence("cannot predict: bad"));
        assertEquals("A", Forms.sentence("a"));
        assertEquals("Already a sentence.", Forms.sentence("Already a sentence."));
    }

    @Test
    void aMessageThatStartsWithANameKeepsIt() {
        // a file name, a command, a path, an option, an identifier and a number are not words to capitalise
        assertEquals("broken.json: unknown mode \"readonly\"", Forms.sentence("broken.json: unknown mode \"readonly\""));
        assertEquals("ls: no such file", Forms.sentence("ls: no such file"));
        assertEquals("/etc/hostname is not readable", Forms.sentence("/etc/hostname is not readable"));
        assertEquals("--profile needs a file", Forms.sentence("--profile needs a file"));
        assertEquals("bindTcp: 99999 is out of range", Forms.sentence("bindTcp: 99999 is out of range"));
        assertEquals("read_file needs ABI 1", Forms.sentence("read_file needs ABI 1"));
        assertEquals("3 rules", Forms.sentence("3 rules"));
        assertEquals("", Forms.sentence(""));
    }
}
