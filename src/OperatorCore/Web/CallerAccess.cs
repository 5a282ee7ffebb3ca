using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Netra.ControllerRuntime;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Core.Web;

/// <summary>One thing the caller must be allowed: a verb on a netra.io resource in the namespace asked about.</summary>
public sealed record ResourceVerb(string Verb, string Resource)
{
    public override string ToString() => $"{Verb} {Resource}";
}

/// <summary>Why the gate will not answer: 401 (who is calling?), 403 (not allowed), 503 (cannot tell).</summary>
public sealed record Refusal(int StatusCode, string Message);

/// <summary>
/// Who calls and what they may do, asked of the API server as kube-rbac-proxy does: a TokenReview of the caller's
/// bearer token, then a SubjectAccessReview for each permission the request needs in its namespace.
/// </summary>
public sealed class CallerAccess(IKubernetes client, ILogger logger)
{
    /// <returns>
    /// Null when <paramref name="token"/> belongs to a user holding every one of <paramref name="needs"/> in <paramref name="ns"/>.
    /// </returns>
    public async Task<Refusal?> CheckAsync(
        string? token, string ns, IReadOnlyList<ResourceVerb> needs, CancellationToken cancellationToken)
    {
        var (user, refusal) = await ReviewAsync(token, cancellationToken);
        if (user is null)
        {
            return refusal;
        }

        try
        {
            foreach (var access in needs)
            {
                if (!await ReviewAccessAsync(user, ns, access, cancellationToken))
                {
                    return new Refusal(403, $"{user.Username} may not {access} in namespace {ns}.");
                }
            }

            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return Failed(error);
        }
    }

    /// <summary>The user <paramref name="token"/> belongs to, as the API server's TokenReview says; else why not.</summary>
    public async Task<(V1UserInfo? User, Refusal? Refusal)> ReviewAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, new Refusal(401, "A Kubernetes bearer token is required (Authorization: Bearer TOKEN)."));
        }

        try
        {
            var review = await client.AuthenticationV1.CreateTokenReviewAsync(
                new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } }, cancellationToken: cancellationToken);
            return review.Status is { Authenticated: true, User: { } user }
                ? (user, null)
                : (null, new Refusal(401, "The bearer token is not valid in this cluster."));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return (null, Failed(error));
        }
    }

    /// <summary>
    /// Whether <paramref name="user"/> holds <paramref name="access"/> in <paramref name="ns"/>; null when the API server cannot tell.
    /// </summary>
    public async Task<bool?> AllowedAsync(V1UserInfo user, string ns, ResourceVerb access, CancellationToken cancellationToken)
    {
        try
        {
            return await ReviewAccessAsync(user, ns, access, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _ = Failed(error);
            return null;
        }
    }

    private Refusal Failed(Exception error)
    {
        // Most likely the operator's own RBAC: create on tokenreviews and subjectaccessreviews.
        var problem = $"Cannot check the caller with the API server: {ApiErrors.Describe(error)}";
        logger.LogError("Access check: {Problem}", problem);
        return new Refusal(503, problem);
    }

    private async Task<bool> ReviewAccessAsync(V1UserInfo user, string ns, ResourceVerb access, CancellationToken cancellationToken)
    {
        var review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Username,
                Uid = user.Uid,
                Groups = user.Groups,
                Extra = user.Extra,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Group = TestRun.Group,
                    Resource = access.Resource,
                    Verb = access.Verb,
                    NamespaceProperty = ns,
                },
            },
        }, cancellationToken: cancellationToken);
        return review.Status?.Allowed == true;
    }
}
