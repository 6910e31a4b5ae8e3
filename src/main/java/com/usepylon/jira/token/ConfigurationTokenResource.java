package com.usepylon.jira.token;

import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The settings modal's Generate Configuration Token button. */
@Path("/api/v1/jira/configuration-tokens")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigurationTokenResource {

    private final ConfigurationTokens tokens;
    private final CurrentPylonCaller caller;

    public ConfigurationTokenResource(ConfigurationTokens tokens, CurrentPylonCaller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response generate() {
        IssuedToken issued = tokens.issue(caller.get());
        // The token is shown once; no cache or proxy may keep a copy.
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(issued)
                .build();
    }
}
