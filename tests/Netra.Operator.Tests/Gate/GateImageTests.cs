using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Testing;

namespace Netra.Operator.Tests.Gate;

/// <summary>
/// The image's ahead-of-time compiled operator serves the gate: Kestrel, the TokenReview and SubjectAccessReview
/// calls and the gate's JSON all work without the JIT (publish it first: <c>dotnet publish src/OperatorImage -c Release</c>).
/// </summary>
[Collection(GateDefinition.Name)]
public sealed class GateImageTests(GateFixture bed)
{
    [Fact]
    public async Task The_compiled_operator_answers_a_verdict_and_refuses_a_caller_without_a_token()
    {
        Assert.True(
            File.Exists(Repository.OperatorImageBinary),
            $"{Repository.OperatorImageBinary} is missing: publish it with `dotnet publish src/OperatorImage -c Release`.");
        // Finished before the operator starts: it has nothing left to do with this run.
        await bed.CreateExistingRunAsync("image-failed");
        await bed.WriteStatusAsync("image-failed", Phases.Failed, ("thread-management", ScenarioResults.Failed));
        var port = ControlPlane.FreeLoopbackPort();
        await using var process = bed.StartOperatorProcess($"gate-image-{Guid.NewGuid():N}"[..20], "gate-image",
            executable: Repository.OperatorImageBinary,
            more: ["--gate-port", port.ToString(CultureInfo.InvariantCulture), "--gate-address", "127.0.0.1"]);
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var tenant = new HttpClient { BaseAddress = anonymous.BaseAddress };
        tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bed.TenantToken);
        var url = $"/v1/namespaces/{GateFixture.Team}/testruns/image-failed";

        HttpResponseMessage? refused = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            process.ThrowIfExited();
            try
            {
                refused = await anonymous.GetAsync(url);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the compiled operator's gate listening", OperatorTestBed.Deadline);
        using var answered = await tenant.GetAsync(url);
        using var verdict = JsonDocument.Parse(await answered.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused!.StatusCode);
        Assert.True(answered.StatusCode == HttpStatusCode.OK, process.Tail());
        Assert.Equal(("Failed", "thread-management"), (
            verdict.RootElement.GetProperty("verdict").GetString(),
            verdict.RootElement.GetProperty("failed_scenarios")[0].GetString()));
        refused.Dispose();
    }
}
