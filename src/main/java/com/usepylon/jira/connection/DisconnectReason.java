package com.usepylon.jira.connection;

/** Why a link ended. Part of the API; never rename one. */
public enum DisconnectReason {
    /** A Pylon admin disconnected in Pylon's settings. */
    CLEARED_IN_PYLON,
    /** A Jira admin cleared the installation on the app's configuration page. */
    CLEARED_IN_JIRA,
    /** The Atlassian app was uninstalled from the site. */
    APP_UNINSTALLED
}
