package com.usepylon.jira.project;

import java.time.Instant;

/**
 * A project in an organization's Jira catalogue, as the settings modal lists it.
 *
 * @param id Jira's project id
 * @param type Jira's project type key, such as {@code software}
 * @param enabled whether Pylon processes the project's events and offers it for new tickets
 * @param blockedReason why access is {@code BLOCKED}, for a person; null when access is {@code OK}
 * @param eventCount events processed from this project since it was first synced
 */
public record Project(
        String id,
        String key,
        String name,
        String type,
        boolean enabled,
        ProjectAccess access,
        Instant blockedAt,
        String blockedReason,
        boolean isDefault,
        long eventCount,
        Instant lastEventAt) {
}
