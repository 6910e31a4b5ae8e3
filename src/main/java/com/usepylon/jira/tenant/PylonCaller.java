package com.usepylon.jira.tenant;

import java.util.UUID;

/**
 * A Pylon user calling from the web app, as proven by a verified Pylon JWT. The organization is the
 * tenant: every lookup made on this caller's behalf is scoped to it.
 *
 * @param organizationId the tenant, from the {@code org_id} claim
 * @param organizationName display name, from the {@code org_name} claim
 * @param userId the Pylon user, from the {@code sub} claim
 */
public record PylonCaller(UUID organizationId, String organizationName, String userId) {
}
