package com.usepylon.jira.project;

import com.usepylon.jira.audit.Actor;
import com.usepylon.jira.paging.Page;
import com.usepylon.jira.paging.PageRequest;
import com.usepylon.jira.platform.StorableText;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.tenant.CurrentPylonCaller;
import com.usepylon.jira.tenant.PylonCaller;
import com.usepylon.jira.tenant.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/** The settings modal's project list: browse, enable and disable, and re-read from Jira. */
@Path("/api/v1/jira/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectCatalogue catalogue;
    private final ProjectSettings settings;
    private final CatalogueSync sync;
    private final CurrentPylonCaller caller;

    public ProjectResource(ProjectCatalogue catalogue, ProjectSettings settings, CatalogueSync sync,
            CurrentPylonCaller caller) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.sync = sync;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MEMBER})
    public Page<Project> list(
            @QueryParam("q") @Size(max = 100)
            @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String text,
            @QueryParam("enabled") String enabled,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") @Size(max = 500) String cursor) {
        ProjectFilter filter = new ProjectFilter(Optional.ofNullable(text).filter(q -> !q.isBlank()),
                parseEnabled(enabled));
        return catalogue.list(caller.get().organizationId(), filter, PageRequest.of(limit, cursor));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public ProjectChangeResult change(@Valid @NotNull ProjectChanges changes) {
        return settings.change(caller.get(), changes);
    }

    @POST
    @Path("/refresh")
    @RolesAllowed(Roles.ADMIN)
    public SyncResult refresh() {
        PylonCaller admin = caller.get();
        return sync.sync(catalogue.requireSite(admin.organizationId()), Actor.pylonUser(admin.userId()));
    }

    private static Optional<Boolean> parseEnabled(String enabled) {
        if (enabled == null || enabled.isEmpty()) {
            return Optional.empty();
        }
        if (enabled.equals("true") || enabled.equals("false")) {
            return Optional.of(Boolean.parseBoolean(enabled));
        }
        throw ProblemException.invalidField("enabled", "must be true or false");
    }
}
