using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Gate;

/// <summary>
/// The TestRun of one Flagger canary at one checksum: named after both, so that every hook call of that canary
/// configuration, from any operator replica, finds the same run instead of starting another.
/// </summary>
public static class FlaggerRuns
{
    /// <summary>In the webhook's metadata: the TestRunSchedule (of the canary's namespace) whose template the run copies.</summary>
    public const string ScheduleKey = "schedule";

    /// <summary>In the webhook's metadata: the endpoints of the canary, each replacing the template's.</summary>
    public static readonly IReadOnlyList<string> EndpointKeys = ["authUrl", "backendUrl", "agentUrl"];

    public const string CanaryLabel = "netra.io/flagger-canary";
    public const string ChecksumLabel = "netra.io/flagger-checksum";

    private const int MaxLabelValue = 63;
    private const int HashLength = 10;
    private const string Prefix = "flagger-";

    /// <summary>
    /// <c>flagger-CANARY-HASH</c>: the hash of namespace, canary and checksum keeps names apart that the canary's name,
    /// cut to fit 63 characters, would not.
    /// </summary>
    public static string Name(string ns, string canary, string checksum)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ns}/{canary}/{checksum}")))[..HashLength];
        var room = MaxLabelValue - Prefix.Length - 1 - HashLength;
        return $"{Prefix}{canary[..Math.Min(canary.Length, room)].TrimEnd('-', '.')}-{hash}";
    }

    /// <summary>
    /// The run of <paramref name="canary"/> from <paramref name="template"/>'s template, against the endpoints the webhook names.
    /// </summary>
    public static TestRun Create(FlaggerPayload canary, TestRunSchedule template)
    {
        var ns = canary.Namespace!;
        var checksum = canary.Checksum ?? string.Empty;
        // A copy: the run must not share the schedule's objects.
        var spec = KubernetesJson.Deserialize<TestRunSpec>(KubernetesJson.Serialize(template.Spec.Template));
        spec.Revision = checksum.Length > 0 ? checksum : spec.Revision;
        var metadata = canary.Metadata ?? [];
        if (EndpointKeys.Any(metadata.ContainsKey))
        {
            var endpoints = spec.Environment.Endpoints ?? new EndpointsSpec();
            endpoints.AuthUrl = metadata.GetValueOrDefault("authUrl", endpoints.AuthUrl!);
            endpoints.BackendUrl = metadata.GetValueOrDefault("backendUrl", endpoints.BackendUrl!);
            endpoints.AgentUrl = metadata.GetValueOrDefault("agentUrl", endpoints.AgentUrl!);
            spec.Environment.Mode = EnvironmentModes.Existing;
            spec.Environment.Endpoints = endpoints;
        }

        return new TestRun
        {
            Metadata = new V1ObjectMeta
            {
                Name = Name(ns, canary.Name!, checksum),
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string>
                {
                    [CanaryLabel] = LabelValue(canary.Name!),
                    [ChecksumLabel] = LabelValue(checksum),
                },
            },
            Spec = spec,
        };
    }

    private static string LabelValue(string value) =>
        new string([.. value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(MaxLabelValue)]).Trim('-', '_', '.');
}
