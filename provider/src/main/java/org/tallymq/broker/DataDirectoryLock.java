package org.tallymq.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code DIR/tally.lock}, held by a broker for its whole life so that two brokers,
 * embedded or standalone, in one JVM or in two, never write the same journal. The file says who holds
 * it (pid and broker name); the operating system drops the lock when the process dies, also after
 * kill -9, so a stale file never blocks a restart.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IOException naming the directory and the holder when another broker has it */
    static DataDirectoryLock acquire(Path dataDir, String brokerName) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve("tally.lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // another broker of this JVM holds it
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IOException("data directory " + dir + " is in use by another Tally broker"
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; stop it, or give broker '" + brokerName
                    + "' another data directory (--data-dir, or dataDir= on a vm:// URL)");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", broker '" + brokerName + "'\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        return new DataDirectoryLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
