package com.usepylon.jira.ops;

import com.usepylon.jira.connection.DisconnectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The service's business metrics, served by Micrometer at {@code /q/metrics}. Tags take only values
 * from small fixed sets: never an organization, site, project, user or token.
 *
 * <p>Changes that a transaction makes (a token issued, a site linked or cleared) are counted only
 * once that transaction commits, so a rolled-back attempt never shows as a change. The counters of
 * known tag values are registered at start-up, so that they read 0 rather than being absent.
 */
@Startup
@ApplicationScoped
public class OpsMetrics {

    static final String TOKENS_ISSUED = "pylon.jira.configuration.tokens.issued";
    static final String REDEMPTIONS = "pylon.jira.configuration.token.redemptions";
    static final String LINKED = "pylon.jira.connections.linked";
    static final String CLEARED = "pylon.jira.connections.cleared";
    static final String EVENTS = "pylon.jira.events";
    static final String CATALOGUE_SYNC = "pylon.jira.catalogue.sync";
    static final String EVENT_BATCH = "pylon.jira.event.batch.size";
    private static final Duration[] SYNC_BUCKETS = {Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter tokensIssued;
    private final Counter linked;
    private final Map<DisconnectReason, Counter> cleared = new EnumMap<>(DisconnectReason.class);
    private final Map<RedemptionOutcome, Counter> redemptions = new EnumMap<>(RedemptionOutcome.class);

    public OpsMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        this.tokensIssued = Counter.builder(TOKENS_ISSUED).description("Configuration tokens generated")
                .register(registry);
        this.linked = Counter.builder(LINKED).description("Jira sites newly linked to an organization")
                .register(registry);
        for (DisconnectReason reason : DisconnectReason.values()) {
            cleared.put(reason, Counter.builder(CLEARED).description("Links cleared, by who cleared them")
                    .tag("reason", reason.name()).register(registry));
        }
        for (RedemptionOutcome outcome : RedemptionOutcome.values()) {
            redemptions.put(outcome, Counter.builder(REDEMPTIONS)
                    .description("Attempts to redeem a configuration token and link a site, by outcome")
                    .tag("outcome", outcome.tag()).register(registry));
        }
    }

    /** A configuration token was generated; counted when its transaction commits. */
    public void tokenIssued() {
        afterCommit(tokensIssued::increment);
    }

    /** A site was linked where it was not linked before; counted when the transaction commits. */
    public void linked() {
        afterCommit(linked::increment);
    }

    /** A live link was cleared; counted when the transaction commits. */
    public void cleared(DisconnectReason reason) {
        afterCommit(cleared.get(reason)::increment);
    }

    /** What the caller of the registration PUT was answered. */
    public void redemption(RedemptionOutcome outcome) {
        redemptions.get(outcome).increment();
    }

    /**
     * What the event gate answered.
     *
     * @param outcome one of the gate's fixed outcomes
     * @param reason one of the gate's fixed reasons, or null
     */
    public void event(String outcome, String reason) {
        Counter.builder(EVENTS).description("Jira events received, by the gate's outcome and reason")
                .tag("outcome", outcome).tag("reason", reason == null ? "none" : reason)
                .register(registry).increment();
    }

    /** How many events shared one statement: near 1 when idle, larger as events arrive faster. */
    public void eventBatch(int events) {
        DistributionSummary.builder(EVENT_BATCH).description("Events gated and queued by one statement")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128).register(registry).record(events);
    }

    /** Runs a catalogue sync and times it, tagged {@code ok} or {@code failed}. */
    public <T> T timeCatalogueSync(Supplier<T> sync) {
        Timer.Sample started = Timer.start(registry);
        String result = "failed";
        try {
            T value = sync.get();
            result = "ok";
            return value;
        } finally {
            started.stop(Timer.builder(CATALOGUE_SYNC).description("Catalogue syncs with Jira, by result")
                    .tag("result", result).serviceLevelObjectives(SYNC_BUCKETS).register(registry));
        }
    }

    private void afterCommit(Runnable count) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            count.run();
        } else if (status == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new CountOnCommit(count));
        }
        // Any other status means the transaction is already on its way to a rollback: nothing to count.
    }

    private record CountOnCommit(Runnable count) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // Counting waits for the outcome.
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                count.run();
            }
        }
    }
}
