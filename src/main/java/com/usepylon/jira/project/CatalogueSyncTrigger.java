package com.usepylon.jira.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Reads a newly linked site's catalogue in the background, once the link has committed. The Jira
 * admin's request that made the link has a 25 s budget and must not wait for a large site.
 */
@ApplicationScoped
public class CatalogueSyncTrigger {

    private final CatalogueSync sync;
    private final ManagedExecutor executor;

    public CatalogueSyncTrigger(CatalogueSync sync, ManagedExecutor executor) {
        this.sync = sync;
        this.executor = executor;
    }

    void onLinked(@Observes(during = TransactionPhase.AFTER_SUCCESS) SiteLinked linked) {
        CatalogueSite site = new CatalogueSite(linked.organizationId(), linked.cloudId());
        executor.runAsync(() -> sync.syncInBackground(site));
    }
}
