package com.usepylon.jira.connection;

import com.usepylon.jira.project.DefaultProjectStatus;
import com.usepylon.jira.project.ProjectCounts;
import java.time.Instant;
import java.util.UUID;

/**
 * What the Pylon settings modal shows about an organization's Jira link.
 *
 * @param site the linked site, or the last one after a disconnect; null if never connected
 * @param attention set while the link needs a person, such as when Jira rejects Pylon's credentials
 * @param configurationToken the live token's expiry, if one is waiting to be redeemed
 * @param defaultProject the chosen default project while connected, saying whether it is still usable
 * @param projects catalogue counts while connected
 * @param catalogue when the catalogue was last read from Jira, and why the last attempt failed
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
        Attention attention,
        PendingToken configurationToken,
        DefaultProjectStatus defaultProject,
        ProjectCounts projects,
        Catalogue catalogue) {

    /** Why the link needs a person, and since when. */
    public record Attention(String reason, Instant since) {
    }

    /** The state of the last catalogue read. */
    public record Catalogue(Instant syncedAt, String lastError) {
    }

    /** A Jira Cloud site as Pylon shows it. Url and name are what the Jira admin's app reported. */
    public record Site(String cloudId, String url, String name) {
    }

    /** A configuration token that was generated and not yet used; the token itself is never shown again. */
    public record PendingToken(Instant expiresAt) {
    }
}
