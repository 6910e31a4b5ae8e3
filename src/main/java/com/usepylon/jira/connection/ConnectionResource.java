package com.usepylon.jira.connection;

import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Pylon settings modal's view of the organization's Jira connection. */
@Path("/api/v1/jira/connection")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    private final Connections connections;
    private final CurrentPylonCaller caller;

    public ConnectionResource(Connections connections, CurrentPylonCaller caller) {
        this.connections = connections;
        this.caller = caller;
    }

    /** A {@link ConnectionView}, rendered when it was cached. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER})
    public byte[] get() {
        return connections.renderedView(caller.get().organizationId()).json();
    }

    /** Disconnects the organization's site; the Jira side sees the change at once. Idempotent. */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    public void disconnect() {
        connections.clearFromPylon(caller.get());
    }
}
