package com.usepylon.jira.project;

import com.usepylon.jira.platform.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The project an admin picks as the default for new Jira tickets. */
public record DefaultProjectChoice(@NotBlank @Size(max = 64)
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String projectId) {
}
