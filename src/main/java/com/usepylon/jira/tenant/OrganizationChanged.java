package com.usepylon.jira.tenant;

import java.util.UUID;

/**
 * Fired, as a CDI event, by every write that changes what an organization's Jira settings look
 * like: a link or disconnect, enabled or default projects, a block, a catalogue sync. Caches of
 * derived views listen to it and forget the organization.
 */
public record OrganizationChanged(UUID organizationId) {
}
