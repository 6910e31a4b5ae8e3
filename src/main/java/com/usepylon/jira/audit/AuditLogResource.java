package com.usepylon.jira.audit;

import com.usepylon.jira.paging.Page;
import com.usepylon.jira.paging.PageRequest;
import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The organization's history of changes to its Jira settings, newest first. */
@Path("/api/v1/jira/audit-log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    private final AuditLog audit;
    private final CurrentPylonCaller caller;

    public AuditLogResource(AuditLog audit, CurrentPylonCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<AuditEntry> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return audit.history(caller.get().organizationId(), page.cursor(), page.limit());
    }
}
