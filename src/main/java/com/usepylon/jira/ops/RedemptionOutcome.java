package com.usepylon.jira.ops;

import java.util.Locale;

/** How an attempt to redeem a configuration token and link a site ended, as a metric tag. */
public enum RedemptionOutcome {
    /** The site is linked (or was already linked to the same organization). */
    LINKED,
    /** Not a configuration token, or not this organization's. */
    INVALID,
    EXPIRED,
    USED,
    /** A newer token was generated for the organization. */
    REPLACED,
    /** Too many wrong tokens for the organization or the site. */
    THROTTLED,
    /** The site or the organization is already linked elsewhere. */
    CONFLICT,
    /** Any other refusal of the caller's request: malformed, unauthenticated, ... */
    REJECTED,
    /** The service failed (5xx), for example because the database was unreachable. */
    FAILED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
