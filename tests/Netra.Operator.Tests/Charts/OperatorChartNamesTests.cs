using System.Text.Json.Nodes;
using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart names its objects as Helm charts do (fullname from the release, nameOverride, fullnameOverride)
/// and runs as the ServiceAccount serviceAccount.* says: every object, binding, admission rule and argument the
/// operator reads its own names from follows, whatever the names are.
/// </summary>
public sealed class OperatorChartNamesTests
{
    /// <summary>Values that render every template: pull secrets, readiness triggers, monitoring, the admission policies.</summary>
    private const string EveryTemplate = """
        imagePullSecrets: [{name: regcred}]
        readinessTriggers: [{apiGroup: helm.toolkit.fluxcd.io, resources: [helmreleases]}]
        metrics: {serviceMonitor: {enabled: true}, prometheusRule: {enabled: true}}
        admissionPolicy: {install: always}
        """;

    private const string Namespace = "netra-system";

    private static readonly string[] StandardLabels =
    [
        "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by", "helm.sh/chart",
        "app.kubernetes.io/version",
    ];

    /// <summary>A release: its name, the values over <see cref="EveryTemplate"/>, and the names it should give.</summary>
    /// <param name="Account">The ServiceAccount the chart creates; null: none.</param>
    private sealed record Release(string Name, string Values, string Fullname, string AppName, string? Account);

    private static readonly Dictionary<string, Release> Releases = new Release[]
    {
        new("netra-operator", "{}", "netra-operator", "netra-operator", "netra-operator"),
        new("staging", "{}", "staging-netra-operator", "netra-operator", "staging-netra-operator"),
        new("netra-operator-blue", "{}", "netra-operator-blue", "netra-operator", "netra-operator-blue"),
        new("netra-operator", "{nameOverride: testruns, serviceAccount: {create: false}}", "netra-operator-testruns", "testruns", null),
        new("netra-operator", "{fullnameOverride: acme-tests, serviceAccount: {name: ci-robot}}", "acme-tests", "netra-operator",
            "ci-robot"),
    }.ToDictionary(release => $"{release.Name} {release.Values}");

    public static TheoryData<string> Cases => [.. Releases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_object_is_named_after_the_fullname_and_labelled_as_helm_charts_are(string release)
    {
        var (objects, expected) = Render(release);

        // The ServiceAccount is named by serviceAccount.name when given (the next test).
        Assert.All(objects.Where(item => Kind(item) != "ServiceAccount"), item => Assert.True(
            Name(item) == expected.Fullname || Name(item).StartsWith(expected.Fullname + "-", StringComparison.Ordinal),
            $"{item["kind"]} {Name(item)}"));
        Assert.All(objects, item => Assert.Equal(
            [expected.AppName, expected.Name, "Helm", "netra-operator-0.1.0", "0.1.0"],
            StandardLabels.Select(label => Label(item, label))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_binding_and_the_operator_itself_use_the_one_service_account(string release)
    {
        var (objects, expected) = Render(release);
        var account = expected.Account ?? "default";

        Assert.Equal(
            expected.Account is null ? [] : [expected.Account], objects.Where(item => Kind(item) == "ServiceAccount").Select(Name));
        var subjects = objects.Where(item => Kind(item) is "RoleBinding" or "ClusterRoleBinding")
            .SelectMany(item => item["subjects"]!.AsArray()).ToList();
        Assert.Equal(4, subjects.Count);
        Assert.All(subjects, subject => Assert.Equal(
            ("ServiceAccount", account, Namespace), ((string?)subject!["kind"], (string?)subject["name"], (string?)subject["namespace"])));
        Assert.Equal(account, HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(new(Namespace, account), OperatorServeArgs.Parse(objects).Controller.OperatorAccount);
        var user = $"'system:serviceaccount:{Namespace}:{account}'";
        Assert.All(
            new[] { "-writes", "-testrun-credentials" }.Select(policy => objects.Single(item =>
                Kind(item) == "ValidatingAdmissionPolicy" && Name(item) == expected.Fullname + policy)),
            policy => Assert.Contains(user, (string)policy["spec"]!["matchConditions"]![0]!["expression"]!, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_names_the_operator_and_its_roles_refer_to_are_the_rendered_ones(string release)
    {
        var (objects, expected) = Render(release);
        var fullname = expected.Fullname;
        var serve = OperatorServeArgs.Parse(objects);
        var clusterRoles = objects.Where(item => Kind(item) == "ClusterRole").ToDictionary(Name);
        var roles = objects.Where(item => Kind(item) == "Role").Select(Name).ToList();

        Assert.Equal(fullname, serve.LeaseName);
        Assert.Equal(["bind"], BindVerbs(clusterRoles[fullname], serve.Controller.EnvironmentClusterRole));
        Assert.Equal(["bind"], BindVerbs(clusterRoles[serve.Controller.EnvironmentClusterRole], serve.Controller.DeployerClusterRole));
        Assert.Contains(serve.Controller.DeployerClusterRole, clusterRoles.Keys);
        Assert.All(objects.Where(item => Kind(item) is "RoleBinding" or "ClusterRoleBinding"), binding => Assert.Contains(
            (string)binding["roleRef"]!["name"]!, Kind(binding) == "RoleBinding" ? roles : clusterRoles.Keys));
        var policies = objects.Where(item => Kind(item) == "ValidatingAdmissionPolicy").Select(Name).ToList();
        Assert.Equal(3, policies.Count);
        Assert.All(objects.Where(item => Kind(item) == "ValidatingAdmissionPolicyBinding"),
            binding => Assert.Contains((string)binding["spec"]!["policyName"]!, policies));
        var writes = objects.Single(item => Name(item) == fullname + "-writes" && Kind(item) == "ValidatingAdmissionPolicy");
        Assert.Contains(
            writes["spec"]!["validations"]!.AsArray().Select(validation => (string)validation!["expression"]!),
            rule => rule.Contains(
                $"['{serve.Controller.EnvironmentClusterRole}', '{serve.Controller.DeployerClusterRole}']", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_services_monitors_and_budget_select_the_operators_pods(string release)
    {
        var (objects, _) = Render(release);
        var pod = HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Metadata.Labels;

        Assert.All(
            [
                HelmChart.OfKind<V1Service>(objects, "Service").Spec.Selector,
                HelmChart.OfKind<V1PodDisruptionBudget>(objects, "PodDisruptionBudget").Spec.Selector.MatchLabels,
                HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Selector.MatchLabels,
                HelmChart.OfKind(objects, "ServiceMonitor")["spec"]!["selector"]!["matchLabels"]!.AsObject()
                    .ToDictionary(label => label.Key, label => (string)label.Value!),
            ],
            selector => Assert.All(selector, label => Assert.Equal(label.Value, pod[label.Key])));
    }

    private static (IReadOnlyList<JsonObject> Objects, Release Expected) Render(string release)
    {
        var expected = Releases[release];
        var chart = new HelmChart("netra-operator");
        var values = Chart.Merge(chart.Values(EveryTemplate), YamlNodes.Load(expected.Values)!.AsObject());
        return (chart.Render(values, expected.Name, Namespace, []), expected);
    }

    private static IEnumerable<string> BindVerbs(JsonObject role, string boundRole) =>
        role["rules"]!.AsArray().Where(rule => rule!["resourceNames"]?.AsArray().Any(n => (string?)n == boundRole) == true)
            .SelectMany(rule => rule!["verbs"]!.AsArray().Select(verb => (string)verb!));

    private static string Name(JsonObject item) => (string)item["metadata"]!["name"]!;

    private static string? Label(JsonObject item, string label) => (string?)item["metadata"]!["labels"]?[label];

    private static string? Kind(JsonObject item) => (string?)item["kind"];
}
