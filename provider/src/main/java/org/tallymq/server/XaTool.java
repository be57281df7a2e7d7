package org.tallymq.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.tallymq.broker.Broker;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.protocol.XidData;

/**
 * {@code tally xa list DATA_DIR} and {@code tally xa commit|rollback DATA_DIR XID}: what an operator
 * uses when a transaction manager is gone for good and its prepared branches hold messages. Works on
 * a stopped broker's data directory (it takes the directory's lock, so it refuses while the broker
 * runs). A commit or rollback taken here is heuristic: it is recorded, and XAResource.recover()
 * reports the branch (XA_HEURCOM / XA_HEURRB on commit or rollback) until the transaction manager,
 * if it ever returns, forgets it. XIDs are written {@code formatId:gtridHex:bqualHex}, as the broker's
 * logs print them.
 */
final class XaTool {

    private XaTool() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[0].equals("list") && args.length == 2
                || (args[0].equals("commit") || args[0].equals("rollback")) && args.length == 3)) {
            err.println("usage: tally xa list DATA_DIR | tally xa commit DATA_DIR XID | tally xa rollback DATA_DIR XID"
                    + "  (XID as formatId:gtridHex:bqualHex; the broker must be stopped)");
            return 64;
        }
        Path dir = Path.of(args[1]);
        if (!Files.isDirectory(dir.resolve("journal"))) {
            err.println("tally xa: " + dir + " is not a broker data directory (it has no journal/)");
            return 66;
        }
        XidData xid = null;
        if (args.length == 3) {
            try {
                xid = parse(args[2]);
            } catch (IllegalArgumentException e) {
                err.println("tally xa: " + e.getMessage());
                return 64;
            }
        }
        Broker broker;
        try {
            broker = Broker.start(BrokerConfig.builder("xa-tool").dataDir(dir).build());
        } catch (IOException e) {
            err.println("tally xa: " + e.getMessage());
            return 1;
        }
        try {
            if (xid == null) {
                List<XidData> xids = broker.preparedXids();
                for (XidData x : xids) {
                    out.println(x);
                }
                err.println(xids.size() + " in-doubt or heuristically completed XA branch(es) in " + dir);
                return 0;
            }
            out.println(broker.completeXaBranchHeuristically(xid, args[0].equals("commit")));
            return 0;
        } catch (IllegalStateException e) {
            err.println("tally xa: " + e.getMessage());
            return 1;
        } finally {
            broker.close();
        }
    }

    /** {@code formatId:gtridHex:bqualHex}. */
    static XidData parse(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("'" + s + "' is not an XID of the form formatId:gtridHex:bqualHex");
        }
        try {
            HexFormat hex = HexFormat.of();
            return XidData.of(Integer.parseInt(p[0]), hex.parseHex(p[1]), hex.parseHex(p[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an XID of the form formatId:gtridHex:bqualHex ("
                    + e.getMessage() + ")");
        }
    }
}
