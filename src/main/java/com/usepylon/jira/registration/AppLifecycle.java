package com.usepylon.jira.registration;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.audit.AuditAction;
import com.usepylon.jira.audit.AuditLog;
import com.usepylon.jira.connection.Connections;
import com.usepylon.jira.connection.DisconnectReason;
import com.usepylon.jira.connection.JiraConnection;
import com.usepylon.jira.forge.ForgeSite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/** Reacts to the Atlassian app being installed on or uninstalled from a Jira site. */
@ApplicationScoped
public class AppLifecycle {

    private final Connections connections;
    private final AuditLog audit;

    public AppLifecycle(Connections connections, AuditLog audit) {
        this.connections = connections;
        this.audit = audit;
    }

    @Transactional
    public LifecycleOutcome handle(ForgeSite site, LifecycleEvent event) {
        Actor actor = Actor.jira(site.accountId(), site.cloudId());
        Map<String, Object> details = Map.of("installationId", site.installationId());
        switch (event.eventType()) {
            case LifecycleEvent.INSTALLED -> {
                audit.record(null, site.cloudId(), actor, AuditAction.APP_INSTALLED, details);
                return LifecycleOutcome.RECORDED;
            }
            case LifecycleEvent.UNINSTALLED -> {
                Optional<JiraConnection> cleared = connections.clearFromJira(site,
                        DisconnectReason.APP_UNINSTALLED);
                audit.record(cleared.map(JiraConnection::organizationId).orElse(null), site.cloudId(), actor,
                        AuditAction.APP_UNINSTALLED, details);
                return cleared.isPresent() ? LifecycleOutcome.DISCONNECTED : LifecycleOutcome.RECORDED;
            }
            default -> {
                return LifecycleOutcome.IGNORED;
            }
        }
    }
}
