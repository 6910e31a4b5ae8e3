package com.usepylon.jira.registration;

import com.usepylon.jira.connection.Connections;
import com.usepylon.jira.connection.DisconnectReason;
import com.usepylon.jira.connection.JiraConnection;
import com.usepylon.jira.connection.SiteDetails;
import com.usepylon.jira.forge.CurrentForgeSite;
import com.usepylon.jira.forge.ForgeAuthenticated;
import com.usepylon.jira.forge.ForgeSite;
import com.usepylon.jira.ops.CountsRedemptions;
import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The Atlassian app's "View / Manage registration" page. Access is checked by the Forge Invocation
 * Token filter rather than by roles, hence {@code @PermitAll}.
 */
@Path("/atlassian/v1/registration")
@Produces(MediaType.APPLICATION_JSON)
@ForgeAuthenticated
@PermitAll
public class RegistrationResource {

    private final Connections connections;
    private final CurrentForgeSite currentSite;

    public RegistrationResource(Connections connections, CurrentForgeSite currentSite) {
        this.connections = connections;
        this.currentSite = currentSite;
    }

    @GET
    public Registration get() {
        return connections.liveForSite(currentSite.get().cloudId())
                .map(RegistrationResource::registration)
                .orElseThrow(() -> new ProblemException(ProblemType.INSTALLATION_NOT_FOUND,
                        "This Jira site is not linked to a Pylon organization. Paste the Organization ID"
                                + " and a configuration token from Pylon (Settings > Integrations > Jira)"
                                + " to link it."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @CountsRedemptions
    public Registration register(@Valid @NotNull RegistrationRequest request,
            @Context HttpServerRequest http) {
        ForgeSite site = currentSite.get();
        JiraConnection link = connections.link(site, request.organizationId(), request.configurationToken(),
                new SiteDetails(request.siteUrl(), request.siteName()), sourceAddress(http));
        return registration(link);
    }

    /** Clears the installation; Pylon shows the organization as disconnected at once. Idempotent. */
    @DELETE
    public void clear() {
        connections.clearFromJira(currentSite.get(), DisconnectReason.CLEARED_IN_JIRA);
    }

    /** The caller's address; behind a load balancer, from forwarded headers if it is trusted (README). */
    private static String sourceAddress(HttpServerRequest http) {
        SocketAddress address = http.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        // A forwarded address is kept as written, so it may have a host but no parsed host address.
        return Optional.ofNullable(address.hostAddress()).or(() -> Optional.ofNullable(address.host()))
                .orElse("unknown");
    }

    private static Registration registration(JiraConnection link) {
        return new Registration(link.organizationId(), link.organizationName(), link.connectedAt());
    }
}
