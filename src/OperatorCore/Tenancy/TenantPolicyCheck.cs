using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Core.TestRuns;
using Netra.Probes.Contract;

namespace Netra.Operator.Core.Tenancy;

/// <summary>What in a spec the installer's <see cref="TenantPolicy"/> does not allow; a run that asks for it ends NotAllowed.</summary>
public static class TenantPolicyCheck
{
    public static IReadOnlyList<string> Violations(ResolvedSpec spec, ControllerSettings settings)
    {
        var policy = settings.Policy;
        var violations = new List<string>();
        if (spec.Probe?.Image is { } image)
        {
            IReadOnlyList<string> images =
                policy.ProbeImages.Count > 0 ? policy.ProbeImages : [AllowList.Repository(settings.ProbeImage)];
            if (!AllowList.AllowsImage(images, image))
            {
                violations.Add($"spec.probe.image '{image}' is not among the probe images the operator allows ({Listed(images)}).");
            }
        }

        if (spec.Probe?.Resources is { } resources)
        {
            violations.AddRange(ProbeResources(resources, policy));
        }

        IReadOnlyList<string> charts =
            policy.Charts.Count > 0 ? policy.Charts : [settings.AuthChart, settings.AgentChart, settings.BackendChart];
        (string Service, ChartSpec? Chart)[] named =
            [("auth", spec.Charts?.Auth), ("agent", spec.Charts?.Agent), ("backend", spec.Charts?.Backend)];
        foreach (var (service, chart) in named)
        {
            if (chart?.Chart is { } reference && !AllowList.Allows(charts, reference))
            {
                violations.Add($"spec.charts.{service}.chart '{reference}' is not among the charts the operator allows "
                    + $"({Listed(charts)}).");
            }

            violations.AddRange(ChartValuesCheck.Violations(service, chart?.Values, policy, settings.Limits));
        }

        if (policy.EndpointHosts.Count > 0 && spec is { Ephemeral: false, Endpoints: { } endpoints })
        {
            (string Name, string? Url)[] urls =
                [("authUrl", endpoints.AuthUrl), ("backendUrl", endpoints.BackendUrl), ("agentUrl", endpoints.AgentUrl)];
            foreach (var (name, url) in urls)
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && !AllowList.Allows(policy.EndpointHosts, parsed.Host))
                {
                    violations.Add(
                        $"spec.environment.endpoints.{name} host '{parsed.Host}' is not among the hosts the operator may send credentials to "
                        + $"({Listed(policy.EndpointHosts)}).");
                }
            }
        }

        if (GoDuration.TryParse(spec.Timeout, out var timeout) && timeout > policy.MaxTimeout)
        {
            violations.Add($"spec.timeout {spec.Timeout} is longer than the operator allows "
                + $"({GoDuration.Format(policy.MaxTimeout)}).");
        }

        return violations;
    }

    /// <summary>CPU and memory only, each at most the installer's maximum: the probe pod runs in the tenant's namespace.</summary>
    private static IEnumerable<string> ProbeResources(k8s.Models.V1ResourceRequirements resources, TenantPolicy policy)
    {
        (string Kind, IDictionary<string, k8s.Models.ResourceQuantity>? Amounts)[] kinds =
            [("requests", resources.Requests), ("limits", resources.Limits)];
        foreach (var (kind, amounts) in kinds)
        {
            foreach (var (name, quantity) in amounts ?? new Dictionary<string, k8s.Models.ResourceQuantity>())
            {
                var most = name switch { "cpu" => policy.MaxProbeCpu, "memory" => policy.MaxProbeMemory, _ => null };
                var beyond = most is null ? "is not a resource probes may ask for (cpu, memory)." : Quantities.AtMost(quantity?.ToString(), most);
                if (beyond is not null)
                {
                    yield return $"spec.probe.resources.{kind}.{name} {beyond}";
                }
            }
        }

        if (resources.Claims is { Count: > 0 })
        {
            yield return "spec.probe.resources.claims is not something probes may ask for.";
        }
    }

    private static string Listed(IEnumerable<string> entries) => string.Join(", ", entries.Distinct());
}
