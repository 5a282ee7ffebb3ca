using System.Net;
using Netra.Operator.Core.Serve;
using Prometheus;

namespace Netra.Operator.Tests.Serve;

/// <summary>The operator's probe and metrics endpoints, over real HTTP on loopback.</summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Readiness_follows_the_operator_and_metrics_are_in_the_prometheus_text_format()
    {
        var ready = false;
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("netra_test_total", "A counter.").Inc(3);
        await using var endpoints = HealthEndpoints.Start("http://127.0.0.1:0", registry, () => ready);
        using var http = new HttpClient { BaseAddress = endpoints.Address };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        ready = true;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("netra_test_total 3", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_paths_are_not_found_and_other_methods_not_allowed()
    {
        await using var endpoints = HealthEndpoints.Start("http://127.0.0.1:0", Metrics.NewCustomRegistry(), () => true);
        using var http = new HttpClient { BaseAddress = endpoints.Address };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/debug", UriKind.Relative))).StatusCode);
        using var post = new StringContent("x");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync(new Uri("/healthz", UriKind.Relative), post)).StatusCode);
    }
}
