package com.usepylon.jira.project;

import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The project that the ticket creation form pre-fills. */
@Path("/api/v1/jira/default-project")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DefaultProjectResource {

    private final ProjectSettings settings;
    private final CurrentPylonCaller caller;

    public DefaultProjectResource(ProjectSettings settings, CurrentPylonCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public DefaultProjectStatus choose(@Valid @NotNull DefaultProjectChoice choice) {
        return settings.setDefault(caller.get(), choice.projectId());
    }

    /** Clears the default; the ticket form then pre-fills nothing. Idempotent. */
    @DELETE
    public void clear() {
        settings.clearDefault(caller.get());
    }
}
