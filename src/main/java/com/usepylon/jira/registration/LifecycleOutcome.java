package com.usepylon.jira.registration;

/**
 * What a life cycle event did.
 *
 * @param outcome {@code recorded}, {@code disconnected} (an uninstall cleared a link) or {@code ignored}
 */
public record LifecycleOutcome(String outcome) {

    static final LifecycleOutcome RECORDED = new LifecycleOutcome("recorded");
    static final LifecycleOutcome DISCONNECTED = new LifecycleOutcome("disconnected");
    static final LifecycleOutcome IGNORED = new LifecycleOutcome("ignored");
}
