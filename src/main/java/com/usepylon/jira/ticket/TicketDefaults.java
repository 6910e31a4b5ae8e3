package com.usepylon.jira.ticket;

import com.usepylon.jira.project.ProjectRef;
import java.util.List;

/**
 * What the ticket creation form pre-fills and offers.
 *
 * @param connected whether the organization has a Jira site linked; the form hides Jira otherwise
 * @param defaultProject the project to pre-fill, or null; a default that is disabled, blocked or
 *     deleted is not offered
 * @param projects every project a ticket may go to: enabled and not blocked, by key
 */
public record TicketDefaults(boolean connected, ProjectRef defaultProject, List<ProjectRef> projects) {

    static final TicketDefaults NOT_CONNECTED = new TicketDefaults(false, null, List.of());
}
