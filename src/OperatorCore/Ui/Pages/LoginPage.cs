namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// The login form, as the Kubernetes Dashboard's: a bearer token of the cluster (a ServiceAccount's from
/// <c>kubectl create token</c>, or an OIDC id token), checked by the API server and not kept.
/// </summary>
public static class LoginPage
{
    public static string Body(string then, string? problem) => $"""
        <div class="login">
        {(problem is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{Html.E(problem)}</p>")}
        <p>Log in with a Kubernetes bearer token: you see the runs of the namespaces that token may read.
        <code>kubectl create token NAME -n NAMESPACE</code> makes one for a ServiceAccount.</p>
        <form method="post" action="/login">
        <input type="hidden" name="then" value="{Html.E(then)}">
        <label for="token">Bearer token</label>
        <textarea id="token" name="token" autocomplete="off" required></textarea>
        <p><button type="submit">Log in</button></p>
        </form>
        </div>
        """;
}
