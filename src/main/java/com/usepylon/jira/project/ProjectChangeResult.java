package com.usepylon.jira.project;

/**
 * What a bulk change did.
 *
 * @param enabled projects that were disabled and are now enabled
 * @param disabled projects that were enabled and are now disabled
 */
public record ProjectChangeResult(int enabled, int disabled) {
}
