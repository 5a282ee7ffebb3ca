using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What a run should do. Every default here is also in the CRD schema (crds/), which fills them at apply.</summary>
public sealed class TestRunSpec
{
    [JsonPropertyName("environment")]
    public EnvironmentSpec Environment { get; set; } = new();

    /// <summary>Scenario names (the contract's ten); empty or absent means all of them.</summary>
    [JsonPropertyName("scenarios")]
    public IList<string>? Scenarios { get; set; }

    /// <summary>Probe Jobs run at once, one per scenario, agent-failure-recovery last and alone; 1 to 10, default 1.</summary>
    [JsonPropertyName("parallelism")]
    public int? Parallelism { get; set; }

    /// <summary>Deadline of the whole run, as a Go-style duration (<c>90s</c>, <c>15m</c>, <c>1h30m</c>).</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>How often a failed scenario is run again before it counts as failed (0 to 5).</summary>
    [JsonPropertyName("retries")]
    public int? Retries { get; set; }

    [JsonPropertyName("cleanup")]
    public CleanupSpec? Cleanup { get; set; }

    /// <summary>
    /// What the probes may do to the services: <c>Safe</c> (default for Existing) or <c>Full</c> (default for Ephemeral).
    /// </summary>
    [JsonPropertyName("profile")]
    public string? Profile { get; set; }

    /// <summary>Seconds after the run finished before the TestRun itself is deleted, as for Jobs; unset, it stays.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }

    [JsonPropertyName("probe")]
    public ProbeSpec? Probe { get; set; }

    /// <summary>What the run tests, for example a Git revision or a release, at most 256 characters; a new value runs a finished TestRun again, as any spec change does (GitOps tools set it: it changes metadata.generation, which Flux and Argo CD read).</summary>
    [JsonPropertyName("revision")]
    public string? Revision { get; set; }
}

public sealed class EnvironmentSpec
{
    /// <summary><c>Ephemeral</c>: a fresh namespace with the three charts. <c>Existing</c>: services already deployed.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("endpoints")]
    public EndpointsSpec? Endpoints { get; set; }

    /// <summary>Secret holding the probes' credentials (keys as the probes' NETRA_PROBES_* variables).</summary>
    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference? CredentialsSecretRef { get; set; }

    [JsonPropertyName("charts")]
    public ChartsSpec? Charts { get; set; }
}

public sealed class EndpointsSpec
{
    [JsonPropertyName("authUrl")]
    public string? AuthUrl { get; set; }

    [JsonPropertyName("backendUrl")]
    public string? BackendUrl { get; set; }

    [JsonPropertyName("agentUrl")]
    public string? AgentUrl { get; set; }
}

public sealed class SecretReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

public sealed class ChartsSpec
{
    [JsonPropertyName("auth")]
    public ChartSpec? Auth { get; set; }

    [JsonPropertyName("backend")]
    public ChartSpec? Backend { get; set; }

    [JsonPropertyName("agent")]
    public ChartSpec? Agent { get; set; }
}

/// <summary>A chart to install; what is absent comes from the operator's configuration.</summary>
public sealed class ChartSpec
{
    /// <summary>A chart reference helm understands (<c>oci://…</c>, <c>repo/name</c>, a path in the helm image).</summary>
    [JsonPropertyName("chart")]
    public string? Chart { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>Free-form Helm values, passed to <c>helm upgrade --install</c> as they are.</summary>
    [JsonPropertyName("values")]
    public JsonObject? Values { get; set; }
}

public sealed class CleanupSpec
{
    /// <summary><c>Always</c>, <c>OnSuccess</c> or <c>Never</c>: when the environment namespace is removed.</summary>
    [JsonPropertyName("policy")]
    public string? Policy { get; set; }

    /// <summary>Seconds after completion before the environment is removed.</summary>
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }
}

public sealed class ProbeSpec
{
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("resources")]
    public k8s.Models.V1ResourceRequirements? Resources { get; set; }
}
