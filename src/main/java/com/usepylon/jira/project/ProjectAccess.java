package com.usepylon.jira.project;

/** Whether Pylon may read and write a project's content. */
public enum ProjectAccess {
    OK,
    /** Jira's app access rules block Pylon from the project's issues, comments and attachments. */
    BLOCKED
}
