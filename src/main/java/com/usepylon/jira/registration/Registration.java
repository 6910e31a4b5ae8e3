package com.usepylon.jira.registration;

import java.time.Instant;
import java.util.UUID;

/** What the app's configuration page shows about the site's link to Pylon. */
public record Registration(UUID organizationId, String organizationName, Instant connectedAt) {
}
