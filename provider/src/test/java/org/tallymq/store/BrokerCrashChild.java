package org.tallymq.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * The process {@link BrokerCrashTest} SIGKILLs: an embedded broker ({@code vm://crash?dataDir=DIR})
 * under {@link CrashWorkload}, one line per observed outcome on stdout, until it is killed.
 *
 * <pre>args: DATA_DIR</pre>
 */
public final class BrokerCrashChild {

    private BrokerCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        CrashWorkload w = new CrashWorkload(new TallyConnectionFactory("vm://crash?dataDir=" + args[0]), out::println);
        w.start();
        Thread.sleep(Long.MAX_VALUE); // until SIGKILL
    }
}
