package com.usepylon.jira.project;

/**
 * The organization's chosen default project and whether it can still be used.
 *
 * @param problem why it is not offered as default, for a person; null while it is usable
 */
public record DefaultProjectStatus(String id, String key, String name, boolean usable, String problem) {
}
