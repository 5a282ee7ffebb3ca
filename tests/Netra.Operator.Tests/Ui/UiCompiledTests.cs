using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Netra.Testing;

namespace Netra.Operator.Tests.Ui;

/// <summary>
/// The UI as the cluster image serves it: the operator compiled ahead of time (src/OperatorImage), which has no JIT to
/// fall back on, run as a process with <c>--ui-port</c> against the control plane. It runs as a standby: another holds
/// its Lease, so it reconciles nothing (the fixture's runs stay as written) and serves the UI as every replica does.
/// </summary>
[Collection(UiDefinition.Name)]
public sealed class UiCompiledTests(UiFixture bed)
{
    private const string Lease = "ui-compiled";

    [Fact]
    public async Task A_compiled_standby_operator_serves_the_UI_to_a_token_login()
    {
        Assert.True(File.Exists(Repository.OperatorImageBinary),
            $"{Repository.OperatorImageBinary} is missing: publish it with `dotnet publish src/OperatorImage -c Release` (tests/run.sh does).");
        await bed.Admin.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = Lease },
            Spec = new V1LeaseSpec { HolderIdentity = "the-leader", LeaseDurationSeconds = 3600, RenewTime = DateTime.UtcNow },
        }, ControlPlane.OperatorNamespace);
        var port = ControlPlane.FreeLoopbackPort();
        await using var process = bed.StartOperatorProcess(
            Lease, "standby", executable: Repository.OperatorImageBinary,
            more: ["--ui-port", port.ToString(CultureInfo.InvariantCulture), "--ui-address", "127.0.0.1"]);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };

        string? runs = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            process.ThrowIfExited();
            try
            {
                using var login = await client.PostAsync(
                    "/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = bed.ViewerToken }));
                runs = login.StatusCode == HttpStatusCode.OK ? await login.Content.ReadAsStringAsync() : null;
                return runs is not null;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the compiled operator's UI to log the viewer in", OperatorTestBed.Deadline);
        var run = await client.GetStringAsync($"/namespaces/{UiFixture.Team}/testruns/{UiFixture.FailedRun}");
        var schedule = await client.GetStringAsync($"/namespaces/{UiFixture.Team}/testrunschedules/{UiFixture.Schedule}");

        Assert.Contains(UiFixture.FailedRun, runs, StringComparison.Ordinal);
        Assert.DoesNotContain(UiFixture.HiddenRun, runs, StringComparison.Ordinal);
        Assert.Contains(UiFixture.FailedCase, run, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"pass-rate\"", schedule, StringComparison.Ordinal);
        Assert.Equal("the-leader", await bed.LeaseHolderAsync(Lease));
    }
}
