package com.usepylon.jira.registration;

import com.usepylon.jira.platform.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * What the Jira admin pastes on the app's configuration page. The site itself is identified by the
 * Forge Invocation Token, never by this body; {@code siteUrl} and {@code siteName} are for display.
 */
public record RegistrationRequest(
        @NotNull UUID organizationId,
        @NotBlank @Size(max = 200) String configurationToken,
        @Size(max = 2048) @Pattern(regexp = "https://\\S+", message = "must be an https URL")
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String siteUrl,
        @Size(max = 255)
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String siteName) {

    @Override
    public String toString() {
        return "RegistrationRequest[organizationId=" + organizationId + "]";
    }
}
