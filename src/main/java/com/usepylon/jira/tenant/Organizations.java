package com.usepylon.jira.tenant;

import com.usepylon.jira.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The Pylon organizations this service has seen. Writing an organization's row also locks it until
 * the transaction ends; services that change an organization's token or link do that first, so that
 * concurrent changes to one organization happen one after another on every replica.
 */
@ApplicationScoped
public class Organizations {

    private final Database database;
    private final Clock clock;

    public Organizations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records the organization's current name and locks its row for this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertAndLock(UUID organizationId, String name) {
        database.update("""
                insert into organization (id, name, first_seen_at, updated_at) values (?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, updated_at = excluded.updated_at""",
                organizationId, name, clock.instant(), clock.instant());
    }

    /** Locks a known organization's row for this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> lock(UUID organizationId) {
        return database.findOne("select name from organization where id = ? for update",
                row -> row.getString("name"), organizationId);
    }
}
