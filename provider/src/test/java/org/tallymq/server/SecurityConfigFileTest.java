package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tallymq.broker.Authorizer;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.protocol.DestinationRef;

/** The broker config file: what a good one configures, and what each mistake says. */
class SecurityConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("tally-" + UUID.randomUUID() + ".properties");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private BrokerConfig load(Path f) throws IOException {
        return SecurityConfigFile.apply(f, BrokerConfig.builder("t")).build();
    }

    @Test
    @DisplayName("a good file sets users, roles, permissions and populateUserId")
    void goodFile() throws IOException {
        BrokerConfig c = load(write("user.alice=pw one", "user.alice.roles=p, q", "user.bob=x",
                "permission.p=send:orders.#", "permission.q=browse:#, createTemporary", "populateUserId=true"));
        assertEquals(Map.of("alice", "pw one", "bob", "x"), c.users());
        assertTrue(c.populateUserId());
        Authorizer a = c.authorizer();
        assertTrue(a.enabled());
        assertTrue(a.allows("alice", Authorizer.Operation.SEND, DestinationRef.queue("orders.eu")));
        assertTrue(a.allows("alice", Authorizer.Operation.BROWSE, DestinationRef.queue("any")));
        assertFalse(a.allows("alice", Authorizer.Operation.CONSUME, DestinationRef.queue("orders.eu")));
        assertFalse(a.allows("bob", Authorizer.Operation.SEND, DestinationRef.queue("orders.eu")), "bob has no role");
    }

    @Test
    @DisplayName("users without permissions: authentication only, every operation allowed; populateUserId defaults to false")
    void usersOnly() throws IOException {
        BrokerConfig c = load(write("user.alice=pw"));
        assertFalse(c.authorizer().enabled());
        assertFalse(c.populateUserId());
        assertTrue(c.authenticationRequired());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown key | memory=5 | key 'memory': expected one of user.NAME=password",
            "populateUserId not boolean | populateUserId=yes | key 'populateUserId': expected true or false, not 'yes'",
            "unknown operation | user.a=pw;user.a.roles=r;permission.r=publish:x | key 'permission.r': expected operation:pattern items with an operation among send, consume, browse, createDurable, createTemporary; 'publish' is not one",
            "missing pattern | user.a=pw;user.a.roles=r;permission.r=send | key 'permission.r': expected a destination pattern after 'send:'",
            "bad wildcard | user.a=pw;user.a.roles=r;permission.r=send:orders* | key 'permission.r': expected a valid destination pattern in 'send:orders*': a wildcard must be a whole word",
            "temporary with a pattern | user.a=pw;user.a.roles=r;permission.r=createTemporary:x | key 'permission.r': expected createTemporary without a pattern",
            "empty permission | user.a=pw;user.a.roles=r;permission.r= , | key 'permission.r': expected at least one operation:pattern item",
            "undefined role | user.a=pw;user.a.roles=r,typo;permission.r=send:# | key 'user.a.roles': expected roles that have a permission.typo= line; role 'typo' has none",
            "roles of an unknown user | user.a.roles=r;permission.r=send:# | key 'user.a.roles': expected a user defined by a user.a=password line",
            "empty password | user.a= | key 'user.a': expected a password after '='; it is empty",
            "permissions but no users | permission.r=send:# | key 'permission.r': expected user.NAME=password lines as well",
    })
    void badFiles(String what, String content, String expected) throws IOException {
        Path f = write(content.split(";"));
        SecurityConfigFile.Invalid e = assertThrows(SecurityConfigFile.Invalid.class, () -> load(f), what);
        assertTrue(e.getMessage().startsWith("config file " + f + ", key '"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected <" + expected + "> in: " + e.getMessage());
        assertFalse(e.getMessage().contains("pw"), "no password in: " + e.getMessage());
    }

    @Test
    @DisplayName("a missing file is an IOException naming it")
    void missingFile() {
        Path f = dir.resolve("nope.properties");
        IOException e = assertThrows(IOException.class, () -> load(f));
        assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
    }

    @Test
    @DisplayName("vm://NAME?config=BAD fails createConnection with a JMSException naming the file and key")
    void badConfigForEmbeddedBroker() throws IOException {
        Path f = write("user.a=pw", "populateUserId=maybe");
        String name = "badcfg-" + UUID.randomUUID();
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://" + name + "?persistent=false&config=" + f);
        JMSException e = assertThrows(JMSException.class, cf::createConnection);
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("populateUserId"), e.getMessage());
        assertEquals(null, EmbeddedBrokers.get(name), "no broker was started");
    }

    @Test
    @DisplayName("tally server --config BAD exits non-zero and says which file, key and what was expected")
    void serverExitsOnBadConfig() throws Exception {
        Path f = write("user.alice=s3cret", "user.alice.roles=nosuchrole");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, TallyServer.class.getName(), "server",
                "--data-dir", dir.resolve("data").toString(), "--bind", "127.0.0.1:0", "--config", f.toString()))
                .redirectErrorStream(true).start();
        String out;
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server exits instead of running");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(78, p.exitValue(), out);
        assertTrue(out.contains("config file " + f + ", key 'user.alice.roles': expected roles that have a"
                + " permission.nosuchrole= line"), out);
        assertFalse(out.contains("s3cret"), out);
    }
}
