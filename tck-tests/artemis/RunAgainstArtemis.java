import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Runs the conformance suite against an embedded ActiveMQ Artemis broker (in-VM acceptor vm://0), to check that the
 * suite tests the specification and not Tally's habits. Not part of the build: run-against-artemis.sh compiles and
 * starts it. Arguments are passed to the JUnit console launcher (e.g. --select-package org.tallymq.tck.ch06).
 */
public class RunAgainstArtemis {
    public static void main(String[] args) throws Exception {
        String data = System.getProperty("artemis.data", "target/artemis-data");
        ConfigurationImpl cfg = new ConfigurationImpl();
        cfg.setPersistenceEnabled(false);
        cfg.setSecurityEnabled(false);
        cfg.setJournalDirectory(data + "/journal");
        cfg.setBindingsDirectory(data + "/bindings");
        cfg.setPagingDirectory(data + "/paging");
        cfg.setLargeMessagesDirectory(data + "/large");
        cfg.addAcceptorConfiguration("in-vm", "vm://0");
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(cfg);
        server.start();
        System.setProperty("tck.jndi", "artemis-vm.properties");
        org.junit.platform.console.ConsoleLauncher.main(args);
    }
}
