package io.migrun.internal.load;

import io.migrun.ConfigurationException;
import io.migrun.ValidationException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads script files as UTF-8, strictly: a file in another encoding is named with the line of its first foreign byte. */
public final class ScriptText {

    private ScriptText() {
    }

    /** The text of {@code file}, BOM removed; throws {@link ValidationException} when it is not UTF-8. */
    public static String read(Path file) {
        Decoded d = decode(file);
        if (d.text() == null) {
            Path parent = file.toAbsolutePath().getParent();
            throw new ValidationException(notUtf8(parent, List.of(file.getFileName() + ": " + d.problem()), file));
        }
        return d.text();
    }

    /**
     * The message for files in {@code folder} that are not UTF-8, each entry {@code name: line N has
     * byte 0xXX, which is not UTF-8}, with the command that converts {@code example}.
     */
    static String notUtf8(Path folder, List<String> entries, Path example) {
        String first = example.toString();
        return "Files in " + folder + " that are not UTF-8:\n  " + String.join("\n  ", entries) + "\n"
                + "migrun reads scripts as UTF-8. Convert each file to UTF-8 with its encoding named, e.g. for one saved as Latin-1:\n"
                + "  iconv -f latin1 -t utf-8 " + first + " > " + first + ".utf8 && mv " + first + ".utf8 " + first;
    }

    /** The text (BOM removed), or null with the problem when the file is not UTF-8. */
    record Decoded(String text, String problem) {
    }

    static Decoded decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Decoded(null, problem(bytes, in.position()));
        }
        decoder.flush(out);
        return new Decoded(Checksums.stripBom(out.flip().toString()), null);
    }

    private static String problem(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return "line " + line + " has byte " + String.format("0x%02X", bytes[at] & 0xFF) + ", which is not UTF-8";
    }
}
