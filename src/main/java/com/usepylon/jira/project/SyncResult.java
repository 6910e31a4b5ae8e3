package com.usepylon.jira.project;

import java.time.Instant;

/**
 * What a catalogue sync found.
 *
 * @param total projects in the catalogue afterwards (deleted and archived ones left out)
 * @param added projects seen for the first time, or back after being deleted or archived
 * @param removed projects Jira no longer lists, or lists as archived
 * @param probed enabled projects whose content was read to find app access rules
 * @param blocked projects newly found blocked by app access rules
 * @param unblocked projects found readable again
 */
public record SyncResult(int total, int added, int removed, int probed, int blocked, int unblocked,
        Instant syncedAt) {
}
