package com.usepylon.jira.bench;

import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Yardsticks for the benchmark: requests that do nothing, with and without checking a Pylon JWT, so
 * the hot paths can be compared with the cost of the stack itself. They answer 404 unless
 * {@code pylon.benchmark.endpoints-enabled} is true, which only the benchmark sets.
 */
@Path("/bench")
public class BenchmarkResource {

    private final boolean enabled;

    public BenchmarkResource(@ConfigProperty(name = "pylon.benchmark.endpoints-enabled",
            defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    /** Costs what authentication costs: SmallRye JWT verifies the token before this runs. */
    @GET
    @Path("/jwt-noop")
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER})
    public Response jwtNoop() {
        return answer();
    }

    @GET
    @Path("/noop")
    @PermitAll
    public Response noop() {
        return answer();
    }

    private Response answer() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
