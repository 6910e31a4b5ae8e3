package com.usepylon.jira.platform;

import com.usepylon.jira.tenant.OrganizationChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every replica when an organization's Jira settings change, through PostgreSQL itself: each
 * change sends {@code NOTIFY} in the writing transaction (so it is delivered only if the change
 * commits), and every replica keeps one connection that {@code LISTEN}s and turns notifications into
 * {@link CachedViewsStale} events for its local caches.
 *
 * <p>If the listening connection breaks, notifications may be lost while it is down, so after
 * reconnecting the replica drops all its caches.
 */
@ApplicationScoped
public class ChangeFeed {

    static final String CHANNEL = "pylon_jira_organization_changed";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final Database database;
    private final AgroalDataSource dataSource;
    private final Event<CachedViewsStale> stale;
    private volatile boolean running;
    private Thread listener;

    public ChangeFeed(Database database, AgroalDataSource dataSource, Event<CachedViewsStale> stale) {
        this.database = database;
        this.dataSource = dataSource;
        this.stale = stale;
    }

    /**
     * Local caches listen to this, and only to this; {@code organizationId} is null when every organization
     * may have changed.
     */
    public record CachedViewsStale(UUID organizationId) {

        /** Drops what this says is stale from a cache keyed by organization. */
        public void applyTo(InvalidatingCache<UUID, ?> cache) {
            if (organizationId == null) {
                cache.invalidateAll();
            } else {
                cache.invalidate(organizationId);
            }
        }
    }

    /** Publishes the change to every replica, this one included, when the writing transaction commits. */
    void publish(@Observes(during = TransactionPhase.IN_PROGRESS) OrganizationChanged change) {
        database.list("select pg_notify(?, ?)", row -> 0, CHANNEL, change.organizationId().toString());
    }

    /**
     * Tells this replica's caches at once when its own change has committed, without waiting for the
     * notification to come back from PostgreSQL, so that a read right after a write sees the write.
     */
    void staleHere(@Observes(during = TransactionPhase.AFTER_COMPLETION) OrganizationChanged change) {
        stale.fire(new CachedViewsStale(change.organizationId()));
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new Thread(this::listen, "change-feed-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                if (!first) {
                    stale.fire(new CachedViewsStale(null)); // we may have missed changes while disconnected
                }
                first = false;
                receive(connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("The change feed lost its database connection (%s); reconnecting",
                            e.getClass().getSimpleName());
                    pause();
                }
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications((int) POLL.toMillis());
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                stale.fire(new CachedViewsStale(UUID.fromString(notification.getParameter())));
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
