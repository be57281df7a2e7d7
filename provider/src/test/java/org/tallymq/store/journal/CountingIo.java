package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JournalIo} over the real files that counts writes and forces, and can be told to fail: the
 * {@code hooks} see every write and force before it happens and may throw, cut the write short, or halt.
 */
class CountingIo implements JournalIo {
    final JournalIo real = JournalIo.files();
    /** Forces of segment files (the preallocator's forces of {@code .tmp} files are not counted). */
    final AtomicInteger forces = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    volatile Hooks hooks = new Hooks();
    /** When false, force() and forceDirectory() only count: for tests that never crash the machine. */
    volatile boolean reallyForce = true;

    /** Counts but skips fsync: fast, for tests without a real crash. */
    static CountingIo noSync() {
        CountingIo io = new CountingIo();
        io.reallyForce = false;
        return io;
    }

    /** Fault points; the defaults do nothing. */
    static class Hooks {
        /** Called before a write; return how many bytes to really write (then fail), or -1 for all. */
        int beforeWrite(Path file, ByteBuffer src, long position) throws IOException {
            return -1;
        }

        /** Called after the partial write that {@link #beforeWrite} asked for; by default fails the write. */
        void afterPartialWrite(Path file, int written) throws IOException {
            throw new IOException("injected: write stopped after " + written + " bytes");
        }

        void beforeForce(Path file) throws IOException {
        }

        void beforeDelete(Path file) throws IOException {
        }

        void beforeCreate(Path file) throws IOException {
        }
    }

    @Override
    public SegmentFile open(Path file) throws IOException {
        return wrap(real.open(file));
    }

    @Override
    public SegmentFile create(Path file) throws IOException {
        hooks.beforeCreate(file);
        return wrap(real.create(file));
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        real.rename(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        hooks.beforeDelete(file);
        real.delete(file);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        if (reallyForce) {
            real.forceDirectory(dir);
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        real.createDirectories(dir);
    }

    private SegmentFile wrap(SegmentFile f) {
        return new SegmentFile() {
            @Override
            public Path path() {
                return f.path();
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                int n = hooks.beforeWrite(f.path(), src, position);
                writes.incrementAndGet();
                if (n >= 0) {
                    ByteBuffer part = src.duplicate();
                    part.limit(part.position() + n);
                    f.write(part, position);
                    hooks.afterPartialWrite(f.path(), n);
                    throw new IOException("injected: write stopped after " + n + " bytes");
                }
                f.write(src, position);
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return f.read(dst, position);
            }

            @Override
            public void force() throws IOException {
                hooks.beforeForce(f.path());
                if (!f.path().getFileName().toString().endsWith(".tmp")) {
                    forces.incrementAndGet(); // count the writer's forces, not those of segment preallocation
                }
                if (reallyForce) {
                    f.force();
                }
            }

            @Override
            public long size() throws IOException {
                return f.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                f.truncate(size);
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }

    /** Types of the records in a write buffer (which starts at a record boundary). */
    static boolean containsType(ByteBuffer src, RecordType type) {
        int p = src.position();
        while (p + 5 <= src.limit()) {
            int len = src.getInt(p);
            if (len < RecordCodec.RECORD_OVERHEAD) {
                return false;
            }
            if (src.get(p + 4) == type.code()) {
                return true;
            }
            p += len;
        }
        return false;
    }
}
