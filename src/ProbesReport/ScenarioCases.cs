using Netra.Probes.Contract;

namespace Netra.Probes.Report;

/// <summary>
/// Each scenario's cases (id without its scenario, what it checks), in their order: their one declaration. Each scenario
/// of the probes binds a method to every case here (<c>Scenario.BindCases</c>, which refuses ids that differ), and a
/// report lists them for a scenario the run never reached, wherever it is written (the probes, the CLI, the operator's UI).
/// </summary>
public static class ScenarioCases
{
    public sealed record Declared(string Id, string Description);

    public static IReadOnlyDictionary<string, IReadOnlyList<Declared>> All { get; } =
        new Dictionary<string, IReadOnlyList<Declared>>(StringComparer.Ordinal)
    {
        [ScenarioNames.AuthWebSocketHandshake] =
        [
            new(
                "header-token-accepted",
                "A token in Authorization: Bearer opens the socket; connected names the session and user, not resumed"),
            new(
                "subprotocol-token-accepted",
                "A token in the subprotocol pair netra.v1, bearer.<jwt> opens the socket and netra.v1 is selected"),
            new("missing-token-401", "An upgrade without a token is refused with 401 before any upgrade"),
            new("garbage-token-401", "A token that is not a JWT is refused with 401"),
            new("tampered-token-401", "A token whose payload was changed is refused with 401"),
            new("unsigned-token-401", "A token with alg none and no signature is refused with 401"),
            new("wrong-audience-401", "A service token for netra-agent is refused by the backend with 401"),
            new("revoked-token-401", "A token revoked by logout is refused at the upgrade"),
            new("refresh-on-open-connection", "auth_refresh with a new token answers auth_refreshed and the connection stays open"),
            new("refresh-with-other-users-token-refused", "auth_refresh with another user's token is refused"),
        ],
        [ScenarioNames.AgentLifecycleEvents] =
        [
            new(
                "six-events-in-order",
                "A run emits agent_started, agent_thinking, tool_executing, partial_result, agent_completed, final_report in that order"),
            new("agent-started-fields", "agent_started names the agent and carries run_id, thread_id and an RFC 3339 timestamp"),
            new("every-event-identifies-its-run", "Every event's payload carries the run's run_id and thread_id and a UTC timestamp"),
            new("envelope-matches-event", "Each SSE data line is the {type, payload, ts} envelope of the event it is named for"),
            new(
                "tools-announced-with-outcome",
                "Each tool_executing names its tool and arguments and is followed by that tool's outcome"),
            new("partial-results-chunked", "partial_result arrives in one or more chunks with chunk_index counting up from 0"),
            new(
                "completion-fields",
                "agent_completed repeats the agent name with duration_ms; final_report has content, tools_used and degraded"),
            new("routes-to-sub-agents", "The supervisor routes different requests to at least three different sub-agents"),
            new("deterministic", "The same input gives the same events and the same report"),
            new("events-stream-as-they-happen", "The first event arrives before the run has finished (streaming, not buffered)"),
        ],
        [ScenarioNames.CrossServiceAuthSync] =
        [
            new("user-token-accepted-everywhere", "A user's token is active at auth and accepted by the backend for the same user"),
            new(
                "service-token-accepted-by-agent",
                "A client-credentials token for netra-agent is active at auth and starts a run at the agent"),
            new("audience-enforced", "A user's token (audience netra-backend) is refused by the agent and inactive for netra-agent"),
            new("logout-revokes-everywhere", "After logout the token is inactive at auth and refused by the backend"),
            new("revoked-service-token-refused", "A revoked service token is refused by the agent"),
            new("refresh-token-is-not-access", "A refresh token is refused as an access token by auth and the backend"),
            new("refreshed-token-accepted", "The access token from a refresh is accepted by the backend"),
        ],
        [ScenarioNames.WebSocketReconnectionAuth] =
        [
            new("seq-counts-up", "Every server frame of a session carries seq, counting up by one"),
            new("resume-replays-missed", "Resuming after a drop replays every frame after last_seq, then connected {resumed: true}"),
            new("replay-once-in-order", "Replayed frames come once each, in seq order, with no gap"),
            new("run-continues-while-away", "A run that finishes while the user is disconnected is delivered on resume"),
            new("other-user-cannot-resume", "Another user's resume of the session is refused like an unknown session"),
            new("unknown-session-expired", "Resuming a session that does not exist answers session_expired"),
            new("state-restored-on-new-connection", "Threads and history are there on a new connection with a new token"),
            new(
                "expired-token-closes-4001",
                "A token that expires on an open connection gets auth_expired, then close 4001 without a refresh"),
            new("expired-token-refreshed-in-time", "Answering auth_expired with auth_refresh keeps the connection"),
        ],
        [ScenarioNames.MultiAgentIsolation] =
        [
            new("concurrent-users-get-own-events", "Two users running agents at once each get only their own thread's events"),
            new("concurrent-threads-of-one-user", "One user's runs in two threads at once are told apart by thread_id and stored apart"),
            new(
                "other-users-thread-indistinguishable",
                "Another user's thread answers thread_not_found exactly like a thread that does not exist"),
            new("cannot-cancel-other-users-run", "Cancelling another user's run is refused and that run completes"),
            new("agent-streams-isolated", "Two runs started at once at the agent each stream only their own run_id and thread_id"),
        ],
        [ScenarioNames.AgentFailureRecovery] =
        [
            new("transient-llm-failure-retried", "One failed model call is retried and the run completes"),
            new("transient-llm-timeout-retried", "One model call that times out is retried and the run completes"),
            new("llm-failure-propagates", "A model that keeps failing ends the run with error llm_error, retryable, instead of a report"),
            new("llm-timeout-propagates", "A model that keeps timing out ends the run with error llm_timeout, retryable"),
            new("tool-failure-propagates", "A failing tool ends the run with error tool_failed after its tool_executing"),
            new("resource-exhaustion-propagates", "A run that exhausts its resources ends with error resource_exhausted"),
            new("error-event-fields", "The error event carries code, message, retryable and the run's run_id, thread_id and timestamp"),
            new("failed-run-status", "GET /v1/runs/{id} reports a failed run as failed"),
            new("invalid-fault-rejected", "An unknown fault kind is refused with a 400 problem before any event"),
            new("cancel-ends-stream", "Cancelling a run ends its stream with error cancelled within a second"),
            new(
                "breaker-opens",
                "Repeated model failures open the breaker: runs then end at once with llm_unavailable, retryable (or a degraded report)"),
            new("breaker-state-in-metrics", "/metrics shows the open breaker"),
            new("breaker-recovers", "After its break the breaker lets a trial call through and closes again: runs complete"),
        ],
        [ScenarioNames.MessageFormatValidation] =
        [
            new("envelope-on-every-frame", "Every server frame is {type, payload, seq, ts} with an object payload and an RFC 3339 ts"),
            new("snake-case-everywhere", "Every payload field name is snake_case"),
            new("content-not-text", "Message text is payload.content (never text) in acks, relayed events and history"),
            new("message-ack-fields", "message_ack carries the client's id, thread_id and message_id"),
            new("relayed-events-keep-fields", "Relayed agent events keep their contract fields (agent_name, chunk_index, tools_used...)"),
            new("thread-messages-fields", "thread_created, thread_list and thread_history name their fields as the contract does"),
            new("malformed-json-invalid-message", "A frame that is not JSON gets error invalid_message and the connection stays open"),
            new("unknown-type-invalid-message", "An unknown message type gets error invalid_message and the connection stays open"),
            new("missing-field-invalid-message", "A user_message without thread_id gets invalid_message and nothing is stored"),
            new("error-fields", "error carries code, message and a boolean retryable"),
            new("ping-pong", "ping is answered by pong"),
            new("oversized-frame-1009", "A frame over the size limit closes the connection with 1009"),
        ],
        [ScenarioNames.AuthServiceIndependence] =
        [
            new("ready-on-its-own", "/healthz and /readyz of auth answer 200: readiness depends on no other Netra service"),
            new("serves-whole-api", "Login, refresh, client credentials and validation all work against auth alone"),
            new(
                "tokens-verifiable-from-jwks",
                "A token verifies with only the published JWKS, and its claims match the discovery document"),
        ],
        [ScenarioNames.ThreadManagement] =
        [
            new("create", "thread_create answers thread_created with a thread id and the title"),
            new("list-contains-created", "thread_list lists the threads the user created"),
            new("switch", "thread_switch to an own thread answers thread_switched for it"),
            new("switch-unknown", "thread_switch to a thread that does not exist answers thread_not_found"),
            new("history-holds-exchange", "After a message, the history holds the user's message and the agent's report, in order"),
            new("history-pages", "thread_history with limit pages backwards with before_seq until nothing is left"),
            new("history-empty-for-new-thread", "A new thread's history is empty"),
            new("message-to-unknown-thread", "user_message to a thread that does not exist answers thread_not_found and stores nothing"),
            new("list-excludes-other-users", "A user's thread_list never shows another user's threads"),
            new("other-users-history-refused", "Another user's history answers thread_not_found"),
            new("thread-survives-reconnect", "A thread and its history are there on a new connection"),
        ],
        [ScenarioNames.StreamingAuthValidation] =
        [
            new("events-relayed-in-order", "A user_message is acked, then the agent's events arrive in lifecycle order"),
            new("chunked-delivery", "The answer arrives as partial_result chunks numbered from 0, each its own frame"),
            new("report-stored", "The final report is stored in the thread as the agent's message"),
            new("revocation-detected", "A token revoked on an open connection gets auth_expired at the next periodic check"),
            new("revoked-closes-4001", "Without a refresh after auth_expired the connection closes with 4001"),
            new("refresh-keeps-stream", "auth_refresh in time keeps the connection and the stream: the run's report still arrives"),
            new("expiry-detected", "A token that expires on an open connection gets auth_expired"),
            new("rate-limited", "Too many frames get rate_limited with retry_after_ms"),
            new("abuse-closes-4029", "Frames that keep coming after rate_limited close the connection with 4029"),
            new("connection-cap", "A user's connections beyond the cap are refused before the upgrade"),
        ],
    };

    /// <summary>The scenario's cases; none for a name the probes do not know.</summary>
    public static IReadOnlyList<Declared> Of(string scenario) => All.TryGetValue(scenario, out var cases) ? cases : [];
}
