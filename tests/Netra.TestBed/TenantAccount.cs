using System.Text;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Testing;

namespace Netra.TestBed;

/// <summary>
/// A tenant as a cluster would have one: a ServiceAccount of its own namespace allowed to create and read TestRuns and
/// TestRunSchedules there and nothing else (no Secrets, no Jobs, no pods), with the token the token controller issues it.
/// </summary>
public static class TenantAccount
{
    public const string Role = "testrun-author";

    /// <summary>The account <paramref name="name"/> in <paramref name="ns"/>, and a client acting as it (the caller disposes it).</summary>
    public static async Task<Kubernetes> CreateAsync(ControlPlane cp, string ns, string name)
    {
        var admin = cp.AdminClient;
        await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = Role },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [TestRun.Group], Resources = [TestRun.Plural, TestRunSchedule.Plural], Verbs = ["get", "list", "watch", "create", "delete"] },
            ],
        }, ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = Role },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = Role },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
        }, ns);

        return cp.ClientFor(await TokenAsync(cp, ns, name));
    }

    /// <summary>The token the token controller issued ServiceAccount <paramref name="name"/> of <paramref name="ns"/>.</summary>
    public static async Task<string> TokenAsync(ControlPlane cp, string ns, string name)
    {
        string? token = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var secrets = await cp.AdminClient.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "type=kubernetes.io/service-account-token");
            var secret = secrets.Items.FirstOrDefault(s =>
                s.Metadata.Annotations?.TryGetValue("kubernetes.io/service-account.name", out var account) == true && account == name);
            token = secret?.Data?.TryGetValue("token", out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
            return token is not null;
        }, $"a token for ServiceAccount {ns}/{name}", OperatorTestBed.Deadline);
        return token!;
    }
}
