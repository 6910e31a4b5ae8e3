package com.usepylon.jira.project;

import java.util.UUID;

/** Fired, as a CDI event, when a site is linked to an organization: its catalogue needs reading. */
public record SiteLinked(UUID organizationId, String cloudId) {
}
