package com.usepylon.jira.project;

/** How many projects the catalogue holds (deleted and archived ones left out), enabled and blocked. */
public record ProjectCounts(int total, int enabled, int blocked) {
}
