package com.usepylon.jira.registration;

import com.usepylon.jira.forge.CurrentForgeSite;
import com.usepylon.jira.forge.ForgeAuthenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Forge app life cycle events, delivered by Pylon's Atlassian app. */
@Path("/atlassian/v1/lifecycle")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ForgeAuthenticated
@PermitAll
public class LifecycleResource {

    private final AppLifecycle lifecycle;
    private final CurrentForgeSite currentSite;

    public LifecycleResource(AppLifecycle lifecycle, CurrentForgeSite currentSite) {
        this.lifecycle = lifecycle;
        this.currentSite = currentSite;
    }

    @POST
    public LifecycleOutcome receive(@Valid @NotNull LifecycleEvent event) {
        return lifecycle.handle(currentSite.get(), event);
    }
}
