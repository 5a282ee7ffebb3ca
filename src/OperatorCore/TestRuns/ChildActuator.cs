using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Netra.Operator.Core.Api.V1Alpha1;
using Netra.ControllerRuntime;

namespace Netra.Operator.Core.TestRuns;

/// <summary>Carries out a decision's actions, each one idempotent: creating what exists or deleting what is gone is success.</summary>
public sealed class ChildActuator(IKubernetes client)
{
    private static readonly TimeSpan BindingPropagation = TimeSpan.FromSeconds(5);

    /// <summary>Applies the actions in order; returns the run as it is after any change to its own metadata.</summary>
    /// <param name="applied">
    /// Told of each action that took effect: a child created (not one found already there, as after a stale read) or a
    /// namespace deleted; what a reconcile records as Events.
    /// </param>
    public async Task<TestRun> ApplyAsync(
        TestRun run, IReadOnlyList<ChildAction> actions, Action<ChildAction>? applied, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            run = action switch
            {
                AddFinalizer => await SetFinalizersAsync(run, [.. run.Metadata.Finalizers ?? [], ChildNames.Finalizer], cancellationToken),
                RemoveFinalizer => await SetFinalizersAsync(
                    run, [.. (run.Metadata.Finalizers ?? []).Where(f => f != ChildNames.Finalizer)], cancellationToken),
                _ => await ApplyChildAsync(run, action, applied, cancellationToken),
            };
        }

        return run;
    }

    private async Task<TestRun> ApplyChildAsync(
        TestRun run, ChildAction action, Action<ChildAction>? applied, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case DeleteRun:
                await ApiErrors.DeleteIfPresentAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    TestRun.Group,
                    TestRun.Version,
                    run.Metadata.NamespaceProperty,
                    TestRun.Plural,
                    run.Metadata.Name,
                    cancellationToken: cancellationToken));
                break;
            case CopySecret copy:
                await CopySecretAsync(copy, cancellationToken);
                break;
            case DeleteNamespace delete:
                await ApiErrors.DeleteIfPresentAsync(
                    () => client.CoreV1.DeleteNamespaceAsync(delete.Name, cancellationToken: cancellationToken));
                applied?.Invoke(action);
                break;
            case CreateChild { Child: var child } when child.Metadata.NamespaceProperty == ChildNames.EnvironmentNamespace(run):
                await CreateUnderNewBindingAsync(child, cancellationToken);
                break;
            case CreateChild { Child: var child }:
                if (await ApiErrors.CreateIfAbsentAsync(() => CreateAsync(child, cancellationToken)))
                {
                    applied?.Invoke(action);
                }

                break;
            default:
                throw new ArgumentException($"No way to apply {action.GetType().Name}.", nameof(action));
        }

        return run;
    }

    /// <summary>
    /// Inside a run's namespace the operator acts under the RoleBinding it has just created there
    /// (<see cref="Manifests.EnvironmentGuards.Binding"/>): the API server's authorizer may take a moment to see it,
    /// so a refusal is tried again for a few seconds before it counts.
    /// </summary>
    private async Task CreateUnderNewBindingAsync(IKubernetesObject<V1ObjectMeta> child, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + BindingPropagation;
        for (var pause = TimeSpan.FromMilliseconds(50); ; pause *= 2)
        {
            try
            {
                await ApiErrors.CreateIfAbsentAsync(() => CreateAsync(child, cancellationToken));
                return;
            }
            catch (Exception error) when (ApiErrors.IsForbidden(error) && DateTimeOffset.UtcNow + pause < deadline)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    /// <summary>Data and type only: none of the original's metadata goes with the copy.</summary>
    private async Task CopySecretAsync(CopySecret copy, CancellationToken cancellationToken)
    {
        var source = await client.CoreV1.ReadNamespacedSecretAsync(copy.Name, copy.FromNamespace, cancellationToken: cancellationToken);
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = copy.Name,
                NamespaceProperty = copy.ToNamespace,
                Labels = new Dictionary<string, string> { [ChildNames.ManagedByLabel] = ChildNames.ManagedBy },
            },
            Type = source.Type,
            Data = source.Data,
        };
        await CreateUnderNewBindingAsync(secret, cancellationToken);
    }

    private Task CreateAsync(IKubernetesObject<V1ObjectMeta> child, CancellationToken cancellationToken)
    {
        var ns = child.Metadata.NamespaceProperty;
        return child switch
        {
            V1Namespace item => client.CoreV1.CreateNamespaceAsync(item, cancellationToken: cancellationToken),
            V1ServiceAccount item => client.CoreV1.CreateNamespacedServiceAccountAsync(item, ns, cancellationToken: cancellationToken),
            V1ConfigMap item => client.CoreV1.CreateNamespacedConfigMapAsync(item, ns, cancellationToken: cancellationToken),
            V1RoleBinding item => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
                item, ns, cancellationToken: cancellationToken),
            V1Job item => client.BatchV1.CreateNamespacedJobAsync(item, ns, cancellationToken: cancellationToken),
            V1ResourceQuota item => client.CoreV1.CreateNamespacedResourceQuotaAsync(item, ns, cancellationToken: cancellationToken),
            V1LimitRange item => client.CoreV1.CreateNamespacedLimitRangeAsync(item, ns, cancellationToken: cancellationToken),
            V1NetworkPolicy item => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(item, ns, cancellationToken: cancellationToken),
            V1Secret item => client.CoreV1.CreateNamespacedSecretAsync(item, ns, cancellationToken: cancellationToken),
            _ => throw new ArgumentException($"No way to create a {child.Kind}.", nameof(child)),
        };
    }

    /// <summary>A merge patch of the finalizers, guarded by the resourceVersion so that no one else's change is lost.</summary>
    private async Task<TestRun> SetFinalizersAsync(TestRun run, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = run.Metadata.ResourceVersion,
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]),
            },
        };
        using var patched = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<TestRun>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            TestRun.Group,
            TestRun.Version,
            run.Metadata.NamespaceProperty,
            TestRun.Plural,
            run.Metadata.Name,
            cancellationToken: cancellationToken);
        return patched.Body;
    }
}
