package org.tallymq.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The fsync limit of the disk under a data directory, the yardstick every persistent benchmark
 * compares with: 1 KiB writes, each followed by force(false), sequentially through a preallocated
 * 64 MiB file (as the journal writes its preallocated segments). The file is deleted afterwards.
 */
final class FsyncProbe {

    static final int RECORD_BYTES = 1024;
    private static final int FILE_BYTES = 64 << 20;

    private FsyncProbe() {
    }

    /** @return forced 1 KiB writes per second over {@code seconds} */
    static double limit(Path file, double seconds) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            for (long pos = 0; pos < FILE_BYTES; pos += zeros.capacity()) {
                zeros.clear();
                ch.write(zeros, pos);
            }
            ch.force(true);
            ByteBuffer rec = ByteBuffer.allocate(RECORD_BYTES);
            long ops = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long pos = 0;
            while (System.nanoTime() < end) {
                rec.clear();
                ch.write(rec, pos);
                ch.force(false);
                pos = (pos + RECORD_BYTES) % FILE_BYTES;
                ops++;
            }
            return ops / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
