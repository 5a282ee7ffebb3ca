using System.Net;
using k8s.Autorest;

namespace Netra.ControllerRuntime;

/// <summary>The API server's answers a controller treats as outcomes rather than failures.</summary>
public static class ApiErrors
{
    public static bool IsNotFound(Exception error) => StatusOf(error) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception error) => StatusOf(error) == HttpStatusCode.Conflict;

    public static bool IsForbidden(Exception error) => StatusOf(error) == HttpStatusCode.Forbidden;

    /// <summary>
    /// An API call's failure in one line, for a log or a status: the HTTP status and the server's reason,
    /// or why it was not reached.
    /// </summary>
    public static string Describe(Exception error) => error switch
    {
        HttpOperationException { Response: { } response } =>
            $"{(int)response.StatusCode} {response.StatusCode}: {FirstLine(response.Content)}",
        HttpRequestException request => $"cannot reach the API server: {FirstLine(request.Message)}",
        TaskCanceledException or TimeoutException => "the API server did not answer in time",
        _ => FirstLine(error.Message),
    };

    private static string FirstLine(string? text)
    {
        var line = (text ?? string.Empty).Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }

    /// <summary>Creates, treating "already exists" as done: a child with a deterministic name is created at most once.</summary>
    public static async Task<bool> CreateIfAbsentAsync(Func<Task> create)
    {
        try
        {
            await create();
            return true;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>Deletes, treating "not found" as done.</summary>
    public static async Task DeleteIfPresentAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Reads, or null when the object does not exist.</summary>
    public static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static HttpStatusCode? StatusOf(Exception error) => (error as HttpOperationException)?.Response?.StatusCode;
}
