package com.usepylon.jira.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.usepylon.jira.forge.CurrentForgeSite;
import com.usepylon.jira.forge.ForgeAuthenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Jira events, forwarded by Pylon's Atlassian app. Atlassian retries a call up to four times. */
@Path("/atlassian/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ForgeAuthenticated
@PermitAll
public class EventResource {

    private final EventGate gate;
    private final CurrentForgeSite currentSite;

    public EventResource(EventGate gate, CurrentForgeSite currentSite) {
        this.gate = gate;
        this.currentSite = currentSite;
    }

    @POST
    public EventOutcome receive(JsonNode body) {
        return gate.admit(currentSite.get().cloudId(), JiraEvent.from(body));
    }
}
