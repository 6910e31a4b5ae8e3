package com.usepylon.jira.connection;

/** Whether an organization's Jira site is linked, as the Pylon settings modal shows it. */
public enum ConnectionStatus {
    /** No site was ever linked. */
    NOT_CONNECTED,
    /** A site is linked now. */
    CONNECTED,
    /** A site was linked and has since been cleared; a new configuration token links again. */
    DISCONNECTED
}
