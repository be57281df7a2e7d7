package org.tallymq.ra.it;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the table OrderMdb writes to, and counts its rows for the test. */
@Singleton
@Startup
public class OrderTable {

    @Resource(lookup = "java:jboss/datasources/TallyItXA")
    private DataSource ds;

    @PostConstruct
    void create() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS processed_orders(order_id VARCHAR(64) NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test table", e);
        }
    }

    public int rows(String order) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM processed_orders WHERE order_id = ?")) {
            ps.setString(1, order);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
