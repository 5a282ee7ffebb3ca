using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Netra.ServiceDefaults;

/// <summary>
/// RFC 9457 problems as every Netra service writes them: a stable <c>code</c> extension, also the last
/// segment of <c>type</c> (<c>https://netra.dev/problems/{service}/{code}</c>). Problems the framework
/// writes itself (unreadable JSON, oversized body, unknown route) get a code from their status.
/// </summary>
public static class ServiceProblems
{
    public static string TypeOf(string service, string code) => $"https://netra.dev/problems/{service}/{code}";

    public static ProblemHttpResult Create(string service, int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: TypeOf(service, code),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static string CodeForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        _ => status >= 500 ? "server_error" : "request_failed",
    };

    internal static void AddCode(ProblemDetailsContext context, string service)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            var code = CodeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            problem.Extensions["code"] = code;
            problem.Type = TypeOf(service, code);
        }
    }
}
