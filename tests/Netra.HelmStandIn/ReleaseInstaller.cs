using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Netra.Charts;

namespace Netra.HelmStandIn;

/// <summary>
/// <c>helm upgrade --install --wait</c> as the stand-in does it: the chart archive unpacked, rendered with the values
/// file over the chart's defaults (<see cref="Chart"/>, the tests' template engine), every object created in helm's
/// install order, then polled until each is ready as helm counts it or the timeout passes. No release record is kept:
/// each deploy Job installs into a fresh namespace.
/// </summary>
public sealed class ReleaseInstaller(IKubernetes client, TextWriter output)
{
    /// <summary>Helm's install order for the kinds the charts render: what others need first.</summary>
    private static readonly string[] InstallOrder =
    [
        "NetworkPolicy", "PodDisruptionBudget", "ServiceAccount", "PersistentVolumeClaim", "CustomResourceDefinition",
        "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment",
    ];

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Null when the release is installed and ready; otherwise helm's kind of one-line error.</summary>
    public async Task<string?> InstallAsync(HelmCommandLine command, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(command.Timeout);
        var chart = await UnpackAsync(command.Chart, command.Release, cancellationToken);
        var values = chart.Values(await File.ReadAllTextAsync(command.ValuesFile, cancellationToken));
        var objects = chart.Render(values, command.Release, command.Namespace, [])
            .OrderBy(item => Array.IndexOf(InstallOrder, (string?)item["kind"]) is var at and >= 0 ? at : InstallOrder.Length)
            .ToList();
        foreach (var item in objects)
        {
            try
            {
                await ChartObjects.ApplyAsync(client, item, command.Namespace, deadline.Token);
            }
            catch (HttpOperationException error)
            {
                return $"INSTALLATION FAILED: {item["kind"]} {item["metadata"]?["name"]}: {Reason(error)}";
            }
        }

        output.WriteLine($"release \"{command.Release}\" in {command.Namespace}: {objects.Count} objects created; waiting for them");
        var waiting = await WaitReadyAsync(objects, command.Namespace, deadline.Token, cancellationToken);
        if (waiting is not null)
        {
            return $"INSTALLATION FAILED: timed out waiting for the condition after {command.Timeout.TotalSeconds:0} s: {waiting}";
        }

        output.WriteLine($"release \"{command.Release}\" in {command.Namespace}: deployed and ready after {clock.Elapsed.TotalSeconds:0.0} s");
        return null;
    }

    /// <summary>Null once every object is ready; what is still not ready when <paramref name="deadline"/> passes.</summary>
    private async Task<string?> WaitReadyAsync(
        IReadOnlyList<JsonObject> objects, string ns, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var waiting = "nothing read yet";
        while (true)
        {
            try
            {
                var pending = new List<string>();
                foreach (var item in objects)
                {
                    if (await ChartObjects.NotReadyAsync(client, item, ns, deadline) is { } notReady)
                    {
                        pending.Add(notReady);
                    }
                }

                if (pending.Count == 0)
                {
                    return null;
                }

                waiting = string.Join("; ", pending);
                await Task.Delay(Poll, deadline);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return waiting;
            }
        }
    }

    /// <summary>The archive (<c>NAME.tgz</c> holding <c>NAME/Chart.yaml</c>, ...) unpacked under the temporary directory.</summary>
    private static async Task<Chart> UnpackAsync(string archive, string release, CancellationToken cancellationToken)
    {
        var into = Path.Combine(Path.GetTempPath(), "helm-stand-in", release);
        Directory.CreateDirectory(into);
        await using (var file = File.OpenRead(archive))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, into, overwriteFiles: true, cancellationToken);
        }

        var top = Directory.GetDirectories(into) is [var single] ? single : throw new InvalidDataException($"{archive} holds no single chart");
        return new Chart(top);
    }

    private static string Reason(HttpOperationException error)
    {
        var body = error.Response?.Content;
        try
        {
            return JsonNode.Parse(body ?? "")?["message"]?.GetValue<string>() ?? error.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return error.Message;
        }
    }
}
