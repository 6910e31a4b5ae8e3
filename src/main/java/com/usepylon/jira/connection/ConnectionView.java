package com.usepylon.jira.connection;

import java.time.Instant;
import java.util.UUID;

/**
 * What the Pylon settings modal shows about an organization's Jira link.
 *
 * @param site the linked site, or the last one after a disconnect; null if never connected
 * @param configurationToken the live token's expiry, if one is waiting to be redeemed
 */
public record ConnectionView(
        UUID organizationId,
        ConnectionStatus status,
        Site site,
        Instant connectedAt,
        String connectedBy,
        Instant disconnectedAt,
        String disconnectedBy,
        DisconnectReason disconnectReason,
        PendingToken configurationToken) {

    /** A Jira Cloud site as Pylon shows it. Url and name are what the Jira admin's app reported. */
    public record Site(String cloudId, String url, String name) {
    }

    /** A configuration token that was generated and not yet used; the token itself is never shown again. */
    public record PendingToken(Instant expiresAt) {
    }
}
