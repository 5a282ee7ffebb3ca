using Netra.Probes.Contract;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>
/// Everything a spec must satisfy, including what the CRD schema of a 1.20 API server cannot
/// express. In a cluster a violation marks the run Stalled; the local run refuses the file.
/// </summary>
public static partial class TestRunValidation
{
    public const int MaxParallelism = 10;
    public const int MaxRetries = 5;
    public const int MaxQuarantineEntries = 10;
    public const int MaxQuarantineReasonLength = 256;

    /// <summary>
    /// The most one chart's values may take, serialized: the three charts' values and the operator's own stay far below
    /// the 1 MiB a ConfigMap may hold. The CRD bounds the keys (maxProperties) and strings it knows; this bounds the rest.
    /// </summary>
    public const int MaxValuesBytes = 32 * 1024;

    /// <summary>The longest chart reference, chart version, probe image and endpoint URL (the CRD's maxLength).</summary>
    public const int MaxReferenceLength = 512;

    public const int MaxVersionLength = 128;

    public const int MaxUrlLength = 2048;

    /// <summary>The longest time to live (a year), so that no time computed from one overflows.</summary>
    public const int MaxTtlSeconds = 365 * 24 * 60 * 60;

    /// <summary>The problems of a spec, its defaults filled; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(ResolvedSpec spec)
    {
        var problems = new List<string>();
        switch (spec.Mode)
        {
            case EnvironmentModes.Existing:
                ValidateEndpoints(spec.Endpoints, problems);
                break;
            case EnvironmentModes.Ephemeral:
                if (spec.Endpoints is not null)
                {
                    problems.Add("spec.environment.endpoints is only for mode Existing; Ephemeral deploys its own services.");
                }

                break;
            default:
                problems.Add($"spec.environment.mode must be Ephemeral or Existing, not '{spec.Mode}'.");
                break;
        }

        var scenarios = spec.Scenarios;
        foreach (var unknown in scenarios.Where(s => !ScenarioNames.All.Contains(s)).Distinct())
        {
            problems.Add($"spec.scenarios: '{unknown}' is not a scenario; known are {string.Join(", ", ScenarioNames.All)}.");
        }

        if (scenarios.Count != scenarios.Distinct().Count())
        {
            problems.Add("spec.scenarios names a scenario more than once.");
        }

        if (spec.Parallelism is not (>= 1 and <= MaxParallelism))
        {
            problems.Add($"spec.parallelism must be between 1 and {MaxParallelism}, not {spec.Parallelism}.");
        }

        if (spec.Retries is not (>= 0 and <= MaxRetries))
        {
            problems.Add($"spec.retries must be between 0 and {MaxRetries}, not {spec.Retries}.");
        }

        if (!GoDuration.TryParse(spec.Timeout, out var timeout) || timeout <= TimeSpan.Zero)
        {
            problems.Add($"spec.timeout must be a positive duration such as 90s, 15m or 1h30m, not '{spec.Timeout}'.");
        }

        if (spec.CleanupPolicy is not (CleanupPolicies.Always or CleanupPolicies.OnSuccess or CleanupPolicies.Never))
        {
            problems.Add($"spec.cleanup.policy must be Always, OnSuccess or Never, not '{spec.CleanupPolicy}'.");
        }

        if (spec.Profile is not (Profiles.Safe or Profiles.Full))
        {
            problems.Add($"spec.profile must be Safe or Full, not '{spec.Profile}'.");
        }

        if (spec.TtlSecondsAfterFinished is < 0)
        {
            problems.Add("spec.ttlSecondsAfterFinished must not be negative.");
        }

        if (spec.CredentialsSecret is { } secret && !(secret.Length <= 253 && SecretName().IsMatch(secret)))
        {
            problems.Add($"spec.environment.credentialsSecretRef.name '{secret}' is not a Secret name "
                + "(lower-case letters, digits, '-' and '.', at most 253 characters).");
        }

        if (spec.CleanupTtlSeconds < 0)
        {
            problems.Add("spec.cleanup.ttlSecondsAfterFinished must not be negative.");
        }

        if (spec.TtlSecondsAfterFinished > MaxTtlSeconds || spec.CleanupTtlSeconds > MaxTtlSeconds)
        {
            problems.Add($"spec.ttlSecondsAfterFinished and spec.cleanup.ttlSecondsAfterFinished must be at most {MaxTtlSeconds} (a year).");
        }

        ValidateQuarantine(spec.Quarantine, problems);
        ValidateSizes(spec, problems);

        return problems;
    }

    private static void ValidateQuarantine(IReadOnlyList<QuarantineEntry> quarantine, List<string> problems)
    {
        if (quarantine.Count > MaxQuarantineEntries)
        {
            problems.Add($"spec.quarantine must have at most {MaxQuarantineEntries} entries, not {quarantine.Count}.");
        }

        foreach (var unknown in quarantine.Select(q => q.Scenario).Where(s => !ScenarioNames.All.Contains(s ?? string.Empty)).Distinct())
        {
            problems.Add($"spec.quarantine: '{unknown}' is not a scenario; known are {string.Join(", ", ScenarioNames.All)}.");
        }

        if (quarantine.Any(q => q.Until is null))
        {
            problems.Add("spec.quarantine: every entry needs until, an RFC 3339 date-time.");
        }

        if (quarantine.Any(q => q.Reason?.Length > MaxQuarantineReasonLength))
        {
            problems.Add($"spec.quarantine: a reason must be at most {MaxQuarantineReasonLength} characters.");
        }
    }

    /// <summary>A DNS subdomain (RFC 1123), as Kubernetes names Secrets.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex SecretName();

    /// <summary>The size of a chart's values as JSON, in bytes.</summary>
    public static int ValuesBytes(System.Text.Json.Nodes.JsonObject? values)
    {
        if (values is null)
        {
            return 0;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            values.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }

    /// <summary>What a tenant sends, bounded in bytes: values per chart, references, versions, images.</summary>
    private static void ValidateSizes(ResolvedSpec spec, List<string> problems)
    {
        (string Service, ChartSpec? Chart)[] charts = [("auth", spec.Charts?.Auth), ("agent", spec.Charts?.Agent), ("backend", spec.Charts?.Backend)];
        foreach (var (service, chart) in charts)
        {
            if (chart is null)
            {
                continue;
            }

            var bytes = chart.DroppedValuesBytes ?? ValuesBytes(chart.Values);
            if (bytes > MaxValuesBytes)
            {
                problems.Add($"spec.environment.charts.{service}.values takes {bytes} bytes; at most {MaxValuesBytes} are accepted.");
            }

            if (chart.Chart?.Length > MaxReferenceLength || chart.Version?.Length > MaxVersionLength)
            {
                problems.Add($"spec.environment.charts.{service}: chart at most {MaxReferenceLength} characters, version at most {MaxVersionLength}.");
            }
        }

        if (spec.Probe?.Image?.Length > MaxReferenceLength)
        {
            problems.Add($"spec.probe.image must be at most {MaxReferenceLength} characters.");
        }

        (string Name, string? Url)[] urls =
            [("authUrl", spec.Endpoints?.AuthUrl), ("backendUrl", spec.Endpoints?.BackendUrl), ("agentUrl", spec.Endpoints?.AgentUrl)];
        problems.AddRange(urls.Where(u => u.Url?.Length > MaxUrlLength)
            .Select(u => $"spec.environment.endpoints.{u.Name} must be at most {MaxUrlLength} characters."));
    }

    private static void ValidateEndpoints(EndpointsSpec? endpoints, List<string> problems)
    {
        if (endpoints is null)
        {
            problems.Add("spec.environment.endpoints (authUrl, backendUrl, agentUrl) is required when mode is Existing.");
            return;
        }

        (string Name, string? Value)[] urls =
            [("authUrl", endpoints.AuthUrl), ("backendUrl", endpoints.BackendUrl), ("agentUrl", endpoints.AgentUrl)];
        foreach (var (name, value) in urls)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"spec.environment.endpoints.{name} must be an http or https URL, not '{value}'.");
            }
        }
    }
}
