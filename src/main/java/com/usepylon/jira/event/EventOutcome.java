package com.usepylon.jira.event;

/**
 * What the gate did with an event.
 *
 * @param outcome {@code processed}, {@code duplicate} or {@code ignored}
 * @param reason why an event was ignored: {@code not_connected}, {@code project_not_enabled},
 *     {@code project_unknown}, {@code project_blocked} or {@code unsupported_event}; null otherwise
 */
public record EventOutcome(String outcome, String reason) {

    static final EventOutcome PROCESSED = new EventOutcome("processed", null);
    static final EventOutcome DUPLICATE = new EventOutcome("duplicate", null);

    static EventOutcome ignored(String reason) {
        return new EventOutcome("ignored", reason);
    }
}
