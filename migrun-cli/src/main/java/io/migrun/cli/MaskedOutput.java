package io.migrun.cli;

import io.migrun.config.SecretMask;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The one masking point of the console: holds what is written until a line ends (or a carriage
 * return, or an explicit flush for a prompt or a progress bar), masks every known secret in it,
 * and passes it on. A secret is masked as long as it is written within one line.
 */
final class MaskedOutput extends OutputStream {

    /** A line longer than this is passed on in parts, so that output without line ends cannot grow without bound. */
    private static final int MAX_PENDING = 1 << 16;

    private final PrintStream target;
    private final SecretMask mask;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private MaskedOutput(PrintStream target, SecretMask mask) {
        this.target = target;
        this.mask = mask;
    }

    /** A stream that writes to {@code target} with every secret of {@code mask} masked, as the mask knows them when each line ends. */
    static PrintStream around(PrintStream target, SecretMask mask) {
        return new PrintStream(new MaskedOutput(target, mask), false, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        // A part ends only before a byte that starts a character, so no character is cut in two.
        if (b == '\n' || b == '\r' || pending.size() >= MAX_PENDING && (b & 0x80) == 0) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        emit();
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        if (pending.size() > 0) {
            target.print(mask.mask(pending.toString(StandardCharsets.UTF_8)));
            pending.reset();
        }
        target.flush();
    }
}
