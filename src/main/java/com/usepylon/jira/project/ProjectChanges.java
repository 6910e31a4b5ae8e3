package com.usepylon.jira.project;

import com.usepylon.jira.platform.StorableText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A bulk change to which projects are enabled. Applied entirely or not at all.
 *
 * @param enable ids of projects to enable; at most 10,000 in both lists together
 * @param disable ids of projects to disable
 */
public record ProjectChanges(
        @Size(max = ProjectChanges.MAX_IDS) List<@NotNull @Size(min = 1, max = 64)
                @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String> enable,
        @Size(max = ProjectChanges.MAX_IDS) List<@NotNull @Size(min = 1, max = 64)
                @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String> disable) {

    public static final int MAX_IDS = 10_000;

    public ProjectChanges {
        enable = enable == null ? List.of() : enable;
        disable = disable == null ? List.of() : disable;
    }
}
