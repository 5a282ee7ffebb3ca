using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// Who is looking: the user an authenticating proxy names in its headers, where the installer enabled it, else the user
/// of the session cookie a token login gave. Nobody is someone to send to the login page.
/// </summary>
public sealed class Viewers(UiOptions options, Sessions sessions)
{
    public const string Cookie = "netra-ui-session";

    /// <summary>A proxy's user name or group beyond this is not a name.</summary>
    private const int MaxHeaderLength = 1024;

    private const int MaxGroups = 64;

    public V1UserInfo? Who(HttpRequest request)
    {
        if (options.AuthProxy is { } proxy && request.Headers[proxy.User].ToString() is { Length: > 0 and <= MaxHeaderLength } user)
        {
            var groups = request.Headers[proxy.Groups]
                .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Where(group => group.Length <= MaxHeaderLength)
                .Take(MaxGroups)
                .ToList();
            return new V1UserInfo { Username = user, Groups = groups };
        }

        return sessions.Find(request.Cookies[Cookie]);
    }

    /// <summary>Logs <paramref name="user"/> in: a session, and its cookie, readable by no script and sent by no other site.</summary>
    public void LogIn(HttpContext context, V1UserInfo user) =>
        context.Response.Cookies.Append(Cookie, sessions.Open(user), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = options.SessionLifetime,
        });

    public void LogOut(HttpContext context)
    {
        sessions.Close(context.Request.Cookies[Cookie]);
        context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
    }
}
