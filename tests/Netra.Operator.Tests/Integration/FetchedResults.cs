using System.Text.Json;
using System.Xml.Linq;
using Netra.Testing;

namespace Netra.Operator.Tests.Integration;

/// <summary>
/// <c>netra-operator results NAME -n NS --junit --json</c> as its own process and as the cluster's admin, as a CI job
/// fetches a run's results: how it exited, and the two files it wrote, read back.
/// </summary>
internal sealed record FetchedResults(CommandExit Exit, XDocument JUnit, JsonDocument Json) : IDisposable
{
    public static async Task<FetchedResults> FetchAsync(OperatorTestBed bed, string ns, string name)
    {
        var folder = Directory.CreateTempSubdirectory("netra-results-");
        try
        {
            var (junit, json) = (Path.Combine(folder.FullName, "r.xml"), Path.Combine(folder.FullName, "r.json"));
            var exit = await CommandProcess.RunAsync(
                "netra-operator",
                ["results", name, "-n", ns, "--kubeconfig", bed.Cp.WriteKubeconfig(bed.Cp.AdminToken), "--junit", junit, "--json", json],
                OperatorTestBed.Deadline);
            Assert.True(File.Exists(junit) && File.Exists(json), exit.ToString());
            return new FetchedResults(exit, XDocument.Load(junit), JsonDocument.Parse(await File.ReadAllTextAsync(json)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public void Dispose() => Json.Dispose();
}
