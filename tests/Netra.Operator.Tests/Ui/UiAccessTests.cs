using System.Net;
using Netra.Operator.Core.Ui;

namespace Netra.Operator.Tests.Ui;

/// <summary>
/// Who sees what, through real HTTP against the UI served with the operator's account on a real control plane: a token
/// login, a session cookie, and a SubjectAccessReview per namespace for the user the token belongs to.
/// </summary>
[Collection(UiDefinition.Name)]
public sealed class UiAccessTests(UiFixture bed)
{
    [Fact]
    public async Task Without_a_login_a_page_sends_to_the_login_form_and_back()
    {
        using var client = bed.Client();

        using var page = await client.GetAsync("/runs?phase=Failed");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?then=%2Fruns%3Fphase%3DFailed", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_token_login_gives_a_cookie_no_script_can_read_and_no_other_site_sends()
    {
        using var client = bed.Client();

        using var login = await client.PostAsync("/login", Form(bed.ViewerToken, then: "/runs?namespace=ui-team"));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/runs?namespace=ui-team", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(Viewers.Cookie + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bed.ViewerToken, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runs_page_shows_only_the_namespaces_the_token_may_read()
    {
        using var client = await bed.LoggedInAsync();

        var page = await client.GetStringAsync("/runs");

        Assert.Contains(UiFixture.FailedRun, page, StringComparison.Ordinal);
        Assert.Contains(UiFixture.PassedRun, page, StringComparison.Ordinal);
        Assert.Contains($"<option>{UiFixture.Team}</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(UiFixture.HiddenRun, page, StringComparison.Ordinal);
        Assert.DoesNotContain(UiFixture.Other, page, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:ui-team:viewer", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_of_a_namespace_the_viewer_may_not_read_is_refused_without_its_content()
    {
        using var client = await bed.LoggedInAsync();

        using var page = await client.GetAsync($"/namespaces/{UiFixture.Other}/testruns/{UiFixture.HiddenRun}");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("may not get testruns in namespace ui-other", body, StringComparison.Ordinal);
        Assert.DoesNotContain("payments-9", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_cluster_does_not_know_is_refused_on_the_login_form()
    {
        using var client = bed.Client();

        using var login = await client.PostAsync("/login", Form("not-a-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("The bearer token is not valid in this cluster.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(login.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task After_a_login_the_UI_sends_nowhere_but_itself(string then)
    {
        using var client = bed.Client();

        using var login = await client.PostAsync("/login", Form(bed.ViewerToken, then));

        Assert.Equal("/runs", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        using var client = await bed.LoggedInAsync();

        using var logout = await client.PostAsync("/logout", null);
        using var after = await client.GetAsync("/runs");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_an_authenticating_proxy_its_headers_name_the_viewer()
    {
        await using var ui = bed.StartUi(new UiOptions { Address = "127.0.0.1", Port = 0, AuthProxy = new ProxyHeaders() });
        using var client = bed.Client(ui);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs");
        request.Headers.Add("X-Remote-User", "system:serviceaccount:ui-team:viewer");
        request.Headers.Add("X-Remote-Group", "system:serviceaccounts, system:serviceaccounts:ui-team");

        using var page = await client.SendAsync(request);
        using var anonymous = await client.GetAsync("/runs");

        var body = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(UiFixture.FailedRun, body, StringComparison.Ordinal);
        Assert.DoesNotContain(UiFixture.HiddenRun, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Pages_forbid_scripts_frames_and_caching_and_nothing_can_be_written()
    {
        using var client = await bed.LoggedInAsync();

        using var page = await client.GetAsync("/runs");
        using var post = await client.PostAsync("/runs", null);
        using var delete = await client.DeleteAsync($"/namespaces/{UiFixture.Team}/testruns/{UiFixture.FailedRun}");

        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.NotNull(await bed.ReadRunAsync(UiFixture.Team, UiFixture.FailedRun));
    }

    private static FormUrlEncodedContent Form(string token, string then = "/runs") =>
        new(new Dictionary<string, string> { ["token"] = token, ["then"] = then });
}
