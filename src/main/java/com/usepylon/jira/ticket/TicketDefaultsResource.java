package com.usepylon.jira.ticket;

import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the ticket creation form pre-fills and offers. */
@Path("/api/v1/jira/ticket-defaults")
@Produces(MediaType.APPLICATION_JSON)
public class TicketDefaultsResource {

    private final TicketDefaultsService defaults;
    private final CurrentPylonCaller caller;

    public TicketDefaultsResource(TicketDefaultsService defaults, CurrentPylonCaller caller) {
        this.defaults = defaults;
        this.caller = caller;
    }

    /** A {@link TicketDefaults}, rendered when it was cached. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER})
    public byte[] get() {
        return defaults.rendered(caller.get().organizationId()).json();
    }
}
