package com.usepylon.jira.registration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A Forge app life cycle event, such as {@code avi:forge:installed:app}. Other members of Atlassian's
 * payload are accepted and ignored; the site comes from the Forge Invocation Token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LifecycleEvent(@NotBlank @Size(max = 200) String eventType) {

    static final String INSTALLED = "avi:forge:installed:app";
    static final String UNINSTALLED = "avi:forge:uninstalled:app";
}
