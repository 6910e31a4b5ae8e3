package com.usepylon.jira.project;

import java.util.Optional;

/**
 * Narrows the catalogue listing.
 *
 * @param text matches the key or the name, ignoring case
 * @param enabled only enabled, or only disabled, projects
 */
public record ProjectFilter(Optional<String> text, Optional<Boolean> enabled) {
}
