namespace Netra.Agent.Tests.Support;

/// <summary>Builds the JSON body of <c>POST /v1/runs</c> with the contract's snake_case names; unset members are left out.</summary>
public static class RunBody
{
    public static Dictionary<string, object> Of(
        string input = "Show the availability of auth",
        string userId = "alice",
        string threadId = "thread-1",
        string? agent = null,
        string? runId = null,
        string? faultKind = null,
        int? faultCount = null)
    {
        var body = new Dictionary<string, object> { ["user_id"] = userId, ["thread_id"] = threadId, ["input"] = input };
        if (agent is not null)
        {
            body["agent"] = agent;
        }

        if (runId is not null)
        {
            body["run_id"] = runId;
        }

        if (faultKind is not null)
        {
            var fault = new Dictionary<string, object> { ["kind"] = faultKind };
            if (faultCount is not null)
            {
                fault["count"] = faultCount.Value;
            }

            body["fault"] = fault;
        }

        return body;
    }
}
