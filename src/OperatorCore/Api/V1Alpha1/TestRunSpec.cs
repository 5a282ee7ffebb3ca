using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Netra.Operator.Core.Api.Schema;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Api.V1Alpha1;

/// <summary>What a run should do.</summary>
/// <remarks>
/// Every default here is also in the CRD schema (crds/, written from these attributes), which fills them at apply;
/// <see cref="TestRunDefaults"/> fills them where no API server does.
/// </remarks>
public sealed class TestRunSpec
{
    /// <summary>Where the services under test come from.</summary>
    [DefaultEmpty]
    [JsonPropertyName("environment")]
    public EnvironmentSpec Environment { get; set; } = new();

    /// <summary>The scenarios to run, 1 to 10 distinct names; default all ten.</summary>
    [MinItems(1)]
    [MaxItems(10)]
    [ListSet]
    [AllowedItems(typeof(ScenarioNames), nameof(ScenarioNames.All))]
    [Default(typeof(TestRunDefaults), nameof(TestRunDefaults.Scenarios))]
    [JsonPropertyName("scenarios")]
    public IList<string>? Scenarios { get; set; }

    /// <summary>Probe Jobs run at once, one per scenario, agent-failure-recovery last and alone; 1 to 10, default 1.</summary>
    [Range(1, TestRunValidation.MaxParallelism)]
    [Default(TestRunDefaults.Parallelism)]
    [JsonPropertyName("parallelism")]
    public int? Parallelism { get; set; }

    /// <summary>Deadline of the whole run, as a Go duration (e.g. 90s, 15m, 1h30m); default 15m.</summary>
    [StringLength(GoDuration.MaxChars)]
    [RegularExpression(GoDuration.Pattern)]
    [Default(TestRunDefaults.Timeout)]
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>How often a failed scenario is run again before it counts as failed; 0 to 5, default 0.</summary>
    [Range(0, TestRunValidation.MaxRetries)]
    [Default(TestRunDefaults.Retries)]
    [JsonPropertyName("retries")]
    public int? Retries { get; set; }

    /// <summary>Ephemeral mode only. When the environment's namespace is removed.</summary>
    [DefaultEmpty]
    [JsonPropertyName("cleanup")]
    public CleanupSpec? Cleanup { get; set; }

    /// <summary>
    /// Safe: no fault injection, no waiting for token expiry, read-mostly (default for Existing). Full: every case (default
    /// for Ephemeral).
    /// </summary>
    [AllowedValues(Profiles.Safe, Profiles.Full)]
    [JsonPropertyName("profile")]
    public string? Profile { get; set; }

    /// <summary>
    /// What the run tests, for example a Git revision or a release, at most 256 characters; a new value runs a finished
    /// TestRun again, as any spec change does (GitOps tools set it: it changes metadata.generation, which Flux and Argo CD
    /// read).
    /// </summary>
    [StringLength(256)]
    [JsonPropertyName("revision")]
    public string? Revision { get; set; }

    /// <summary>Seconds after the run finished before the TestRun itself is deleted, as for Jobs; unset, it stays.</summary>
    [Range(0, 31_536_000)]
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }

    /// <summary>The probe Jobs' container.</summary>
    [JsonPropertyName("probe")]
    public ProbeSpec? Probe { get; set; }

    /// <summary>
    /// Scenarios whose failure does not fail the run until a given time, at most 10 entries; they run and are reported as
    /// usual.
    /// </summary>
    [MaxItems(TestRunValidation.MaxQuarantineEntries)]
    [JsonPropertyName("quarantine")]
    public IList<QuarantineEntry>? Quarantine { get; set; }
}

/// <summary>One quarantined scenario: its failure does not fail a run that finishes before <c>until</c>.</summary>
public sealed class QuarantineEntry
{
    /// <summary>The scenario's name (one of the ten, as in spec.scenarios).</summary>
    [Required]
    [AllowedValuesOf(typeof(ScenarioNames), nameof(ScenarioNames.All))]
    [JsonPropertyName("scenario")]
    public string? Scenario { get; set; }

    /// <summary>Until when (RFC 3339, e.g. 2026-12-31T00:00:00Z); a run finishing later ignores the entry.</summary>
    [Required]
    [JsonPropertyName("until")]
    public DateTimeOffset? Until { get; set; }

    /// <summary>Why, for people (e.g. the issue that tracks the fix), at most 256 characters.</summary>
    [StringLength(TestRunValidation.MaxQuarantineReasonLength)]
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}

public sealed class EnvironmentSpec
{
    /// <summary>Ephemeral (default) installs the three charts in a fresh namespace; Existing probes deployed services.</summary>
    [AllowedValues(EnvironmentModes.Ephemeral, EnvironmentModes.Existing)]
    [Default(TestRunDefaults.Mode)]
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    /// <summary>Base URLs of the services; required, all three, when mode is Existing.</summary>
    [JsonPropertyName("endpoints")]
    public EndpointsSpec? Endpoints { get; set; }

    /// <summary>Secret with the probes' credentials (NETRA_PROBES_* keys); without it, the demo accounts.</summary>
    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference? CredentialsSecretRef { get; set; }

    /// <summary>Ephemeral mode only. Chart per service; what is absent comes from the operator's configuration.</summary>
    [JsonPropertyName("charts")]
    public ChartsSpec? Charts { get; set; }
}

public sealed class EndpointsSpec
{
    /// <summary>An http or https URL without spaces.</summary>
    public const string UrlPattern = @"^https?://[^\s]+$";

    /// <summary>Base URL of the auth service (http:// or https://, no spaces).</summary>
    [StringLength(2048)]
    [RegularExpression(UrlPattern)]
    [JsonPropertyName("authUrl")]
    public string? AuthUrl { get; set; }

    /// <summary>Base URL of the backend service; the probes open its WebSocket at /ws.</summary>
    [StringLength(2048)]
    [RegularExpression(UrlPattern)]
    [JsonPropertyName("backendUrl")]
    public string? BackendUrl { get; set; }

    /// <summary>Base URL of the agent service (http:// or https://, no spaces).</summary>
    [StringLength(2048)]
    [RegularExpression(UrlPattern)]
    [JsonPropertyName("agentUrl")]
    public string? AgentUrl { get; set; }
}

public sealed class SecretReference
{
    /// <summary>Name of the Secret, in the TestRun's namespace.</summary>
    [Required]
    [StringLength(253, MinimumLength = 1)]
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

/// <summary>The service's chart, its version and values (auth, backend or agent).</summary>
/// <remarks>What is absent comes from the operator's configuration.</remarks>
public sealed class ChartSpec
{
    /// <summary>A chart reference helm understands (oci://..., repo/name, a path in the helm image).</summary>
    [StringLength(512, MinimumLength = 1)]
    [JsonPropertyName("chart")]
    public string? Chart { get; set; }

    /// <summary>Chart version; empty means the newest (helm --version).</summary>
    [StringLength(128)]
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>Helm values, merged over the operator's (maps key by key) and passed to helm as they are.</summary>
    [MaxProperties(32)]
    [JsonPropertyName("values")]
    public JsonObject? Values { get; set; }

    /// <summary>
    /// Set by the operator, never sent or stored: the size of <see cref="Values"/> it dropped as it read the run because
    /// they were over the bound (the run is refused for them), so that a tenant's megabytes are not held in memory.
    /// </summary>
    [JsonIgnore]
    public int? DroppedValuesBytes { get; set; }
}

public sealed class CleanupSpec
{
    /// <summary>Always (default), OnSuccess (kept for a look when the run failed) or Never.</summary>
    [AllowedValues(CleanupPolicies.Always, CleanupPolicies.OnSuccess, CleanupPolicies.Never)]
    [Default(TestRunDefaults.CleanupPolicy)]
    [JsonPropertyName("policy")]
    public string? Policy { get; set; }

    /// <summary>Seconds after the run finished before the cleanup policy is applied; at least 0, default 0.</summary>
    [Range(0, 31_536_000)]
    [Default(TestRunDefaults.TtlSecondsAfterFinished)]
    [JsonPropertyName("ttlSecondsAfterFinished")]
    public int? TtlSecondsAfterFinished { get; set; }
}

public sealed class ProbeSpec
{
    /// <summary>Probe image; default the operator's --probe-image (chart value probeImage).</summary>
    [StringLength(512, MinimumLength = 1)]
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Requests and limits of each probe container (cpu, memory), as in a Pod.</summary>
    [JsonPropertyName("resources")]
    public k8s.Models.V1ResourceRequirements? Resources { get; set; }
}
