package com.usepylon.jira.project;

import java.util.UUID;

/** The site whose catalogue an organization works with: the one it is linked to now. */
public record CatalogueSite(UUID organizationId, String cloudId) {
}
