using System.Net;
using System.Text;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// Who may ask: the caller's Kubernetes token, reviewed by the API server (TokenReview), and its permissions in the
/// namespace asked about (SubjectAccessReview). Nothing of the token is ever in an answer.
/// </summary>
[Collection(GateDefinition.Name)]
public sealed class GateAccessTests(GateFixture bed)
{
    private const string TestRunUrl = $"/v1/namespaces/{GateFixture.Team}/testruns/access";

    [Fact]
    public async Task No_token_is_401_with_the_scheme_to_use()
    {
        using var client = bed.Client();

        using var response = await client.GetAsync(TestRunUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"code\":\"unauthorized\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_cluster_does_not_know_is_401()
    {
        using var client = bed.Client("not-a-token-of-this-cluster");

        using var response = await client.GetAsync(TestRunUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("not-a-token-of-this-cluster", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_get_testruns_in_the_namespace_is_403()
    {
        using var client = bed.Client(bed.TenantToken);

        using var testRun = await client.GetAsync($"/v1/namespaces/{GateFixture.Other}/testruns/access");
        using var schedule = await client.GetAsync($"/v1/namespaces/{GateFixture.Other}/testrunschedules/access?revision=1");
        using var allowed = await client.GetAsync(TestRunUrl);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (testRun.StatusCode, schedule.StatusCode));
        var refusal = await testRun.Content.ReadAsStringAsync();
        Assert.Contains("may not get testruns in namespace gate-other", refusal, StringComparison.Ordinal);
        // Allowed in its own namespace, where there is no such run.
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
    }

    [Fact]
    public async Task A_flagger_call_for_a_namespace_the_token_may_not_create_runs_in_is_403_and_starts_nothing()
    {
        var outcome = await FlaggerCaller.CallAsync(bed.Gate.Address, "pre-rollout", "backend", GateFixture.Other, "Progressing", "555555",
            new Dictionary<string, string> { ["schedule"] = "smoke", ["token"] = bed.TenantToken });

        Assert.Equal(403, outcome.StatusCode);
        var runs = await bed.Admin.CustomObjects.ListAsync<TestRun>(TestRun.Group, TestRun.Version, GateFixture.Other, TestRun.Plural);
        Assert.Empty(runs.Items);
    }

    [Fact]
    public async Task A_body_over_the_bound_is_refused_before_it_is_read()
    {
        using var client = bed.Client(bed.TenantToken);
        var padding = new string('x', (int)GateOptions.MaxRequestBodyBytes);
        var large = $$$"""{"name": "backend", "namespace": "{{{GateFixture.Team}}}", "metadata": {"padding": "{{{padding}}}"}}""";
        using var content = new StringContent(large, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v1/flagger/pre-rollout", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
