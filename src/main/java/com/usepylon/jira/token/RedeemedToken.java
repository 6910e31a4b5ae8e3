package com.usepylon.jira.token;

import java.util.UUID;

/** A token that has just been used up to link a site; the caller's transaction decides if it sticks. */
public record RedeemedToken(UUID tokenId, UUID organizationId, String organizationName) {
}
