package com.usepylon.jira.event;

import com.usepylon.jira.ops.OpsMetrics;
import com.usepylon.jira.platform.Batcher;
import com.usepylon.jira.platform.Database;
import com.usepylon.jira.problem.DatabaseUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Gates events about a project and queues those it lets through into the inbox that downstream
 * consumers read, many events to one statement. Every replica answers thousands of events a second,
 * and one statement and one commit per event was most of what an event cost; events that arrive
 * together now share them ({@link Batcher}). An event is answered only once its batch has committed,
 * so an acknowledged event is never lost.
 *
 * <p>The gate sees each project as it was when the batch's statement began. A settings change that
 * commits while a batch runs therefore applies to the events after that batch, as it would have if
 * those events had come a moment earlier. The inbox's unique key turns a repeated delivery into
 * {@code duplicate}, within a batch, across batches and across replicas.
 */
@ApplicationScoped
public class EventInbox {

    /** Enough to absorb every event in flight on a replica; larger batches only lengthen each wait. */
    private static final int MAX_BATCH = 128;

    private static final String GATE_AND_QUEUE = """
            with batch as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                     ?::text[])
                    with ordinality as b(cloud_id, project_id, webhook_event, event_timestamp, issue_id,
                                         comment_id, payload, position)
            ), gate as (
                select b.*, c.organization_id,
                       case when c.organization_id is null then 'not_connected'
                            when p.project_id is null or p.removed_at is not null then 'project_unknown'
                            when p.blocked_at is not null then 'project_blocked'
                            when not p.enabled then 'project_not_enabled'
                            else '' end as refusal
                from batch b
                left join jira_connection c on c.cloud_id = b.cloud_id and c.disconnected_at is null
                left join jira_project p on p.organization_id = c.organization_id and p.cloud_id = b.cloud_id
                                        and p.project_id = b.project_id
            ), queued as (
                insert into event_inbox (organization_id, cloud_id, project_id, webhook_event,
                                         event_timestamp, issue_id, comment_id, payload, received_at)
                select organization_id, cloud_id, project_id, webhook_event, event_timestamp, issue_id,
                       comment_id, payload::jsonb, ?
                from gate where refusal = ''
                order by cloud_id, webhook_event, event_timestamp, issue_id, comment_id
                on conflict do nothing
                returning organization_id, cloud_id, project_id, webhook_event, event_timestamp, issue_id,
                          comment_id
            ), counted as (
                insert into project_event_count (organization_id, cloud_id, project_id, event_count,
                                                 last_event_at)
                select organization_id, cloud_id, project_id, count(*), ? from queued
                group by organization_id, cloud_id, project_id
                order by organization_id, cloud_id, project_id
                on conflict (organization_id, cloud_id, project_id) do update
                    set event_count = project_event_count.event_count + excluded.event_count,
                        last_event_at = excluded.last_event_at
            )
            select g.position, g.refusal, q.cloud_id is not null as queued
            from gate g
            left join queued q on q.cloud_id = g.cloud_id and q.webhook_event = g.webhook_event
                              and q.event_timestamp = g.event_timestamp and q.issue_id = g.issue_id
                              and q.comment_id = g.comment_id
            order by g.position""";

    /** An event about a project of a site, waiting for the gate. */
    record Candidate(String cloudId, String projectId, JiraEvent event) {

        /** What makes two deliveries the same event. */
        Identity identity() {
            return new Identity(cloudId, event.type(), event.timestamp(), event.issueId(), event.commentId());
        }
    }

    private record Identity(String cloudId, String type, long timestamp, String issueId, String commentId) {
    }

    private final Database database;
    private final OpsMetrics metrics;
    private final Clock clock;
    private final Batcher<Candidate, EventOutcome> batcher;

    public EventInbox(Database database, OpsMetrics metrics, Clock clock) {
        this.database = database;
        this.metrics = metrics;
        this.clock = clock;
        this.batcher = new Batcher<>("event-inbox", MAX_BATCH, this::gateAndQueue,
                failure -> !(failure instanceof DatabaseUnavailableException));
    }

    /** Gates the event and queues it if the project is open to events; waits for the commit. */
    EventOutcome admit(String cloudId, String projectId, JiraEvent event) {
        return batcher.submit(new Candidate(cloudId, projectId, event));
    }

    @PreDestroy
    void close() {
        batcher.close();
    }

    /**
     * One statement for the whole batch. The same event twice in one batch (Atlassian retrying while the
     * first delivery waits) goes to the database once; the later copies are duplicates of it.
     */
    private List<EventOutcome> gateAndQueue(List<Candidate> batch) {
        metrics.eventBatch(batch.size());
        Map<Identity, Integer> firstCopy = new HashMap<>();
        List<Candidate> distinct = new ArrayList<>();
        for (Candidate candidate : batch) {
            if (firstCopy.putIfAbsent(candidate.identity(), distinct.size()) == null) {
                distinct.add(candidate);
            }
        }

        List<EventOutcome> outcomes = run(distinct);

        List<EventOutcome> answers = new ArrayList<>(batch.size());
        boolean[] answered = new boolean[distinct.size()];
        for (Candidate candidate : batch) {
            int index = firstCopy.get(candidate.identity());
            EventOutcome outcome = outcomes.get(index);
            answers.add(answered[index] && outcome.equals(EventOutcome.PROCESSED) ? EventOutcome.DUPLICATE
                    : outcome);
            answered[index] = true;
        }
        return answers;
    }

    private List<EventOutcome> run(List<Candidate> distinct) {
        Instant now = clock.instant();
        return database.list(GATE_AND_QUEUE, EventInbox::outcome,
                column(distinct, Candidate::cloudId), column(distinct, Candidate::projectId),
                column(distinct, c -> c.event().type()), column(distinct, c -> c.event().timestamp()),
                column(distinct, c -> c.event().issueId()), column(distinct, c -> c.event().commentId()),
                column(distinct, c -> c.event().payload()), now, now);
    }

    private static List<Object> column(List<Candidate> candidates, Function<Candidate, Object> value) {
        return candidates.stream().map(value).toList();
    }

    private static EventOutcome outcome(ResultSet row) throws SQLException {
        String refusal = row.getString("refusal");
        if (!refusal.isEmpty()) {
            return EventOutcome.ignored(refusal);
        }
        return row.getBoolean("queued") ? EventOutcome.PROCESSED : EventOutcome.DUPLICATE;
    }
}
