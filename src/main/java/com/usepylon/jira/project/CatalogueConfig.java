package com.usepylon.jira.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How catalogue syncs look for app access rules. */
@ConfigMapping(prefix = "pylon.jira.catalogue")
public interface CatalogueConfig {

    /**
     * At most this many enabled projects get a content read per sync to find blocked ones; blocked
     * projects and the default project go first. Keeps a sync of a large site bounded.
     */
    @WithDefault("50")
    int probeLimit();
}
