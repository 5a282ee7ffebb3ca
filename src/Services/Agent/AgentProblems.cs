using Microsoft.AspNetCore.Http.HttpResults;

namespace Netra.Agent;

/// <summary>
/// The RFC 9457 problems the agent answers with. Each carries a stable <c>code</c> extension, also the
/// last segment of its <c>type</c>; none ever echoes a token or a secret.
/// </summary>
public static class AgentProblems
{
    public const string TypePrefix = "https://netra.dev/problems/agent/";

    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: TypePrefix + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult RunNotFound() =>
        Create(StatusCodes.Status404NotFound, "run_not_found", "No such run.", "No run with this id belongs to the caller.");

    /// <summary>Gives the problems the framework writes itself (unreadable JSON, unknown route...) a stable code too.</summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            var code = CodeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            problem.Extensions["code"] = code;
            problem.Type = TypePrefix + code;
        }
    }

    public static string CodeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        _ => status >= 500 ? "server_error" : "request_failed",
    };
}
