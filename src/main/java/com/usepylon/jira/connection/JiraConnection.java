package com.usepylon.jira.connection;

import java.time.Instant;
import java.util.UUID;

/** A link between one Jira site and one Pylon organization, current or past. */
public record JiraConnection(
        UUID id,
        UUID organizationId,
        String organizationName,
        String cloudId,
        String installationId,
        String apiBaseUrl,
        String siteUrl,
        String siteName,
        Instant connectedAt,
        String connectedBy,
        Instant disconnectedAt,
        String disconnectedBy,
        DisconnectReason disconnectReason,
        String attentionReason,
        Instant attentionSince,
        Instant catalogueSyncedAt,
        String catalogueSyncError) {

    public boolean isLive() {
        return disconnectedAt == null;
    }
}
