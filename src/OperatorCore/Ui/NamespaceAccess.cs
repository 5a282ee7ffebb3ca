using k8s.Models;
using Netra.Operator.Core.Web;

namespace Netra.Operator.Core.Ui;

/// <summary>
/// Whether a user may read a kind of netra.io object in a namespace, asked of the API server (SubjectAccessReview) and
/// the answer reused for <see cref="UiOptions.AccessCacheTime"/>, so that a page's many namespaces cost one review each
/// now and then. Bounded: when full, the answers are forgotten. Anything the API server does not answer is a no.
/// </summary>
public sealed class NamespaceAccess(CallerAccess access, UiOptions options, TimeProvider time)
{
    private const int MaxAnswers = 10_000;

    /// <summary>At most this many reviews in flight for one page.</summary>
    private const int ReviewsAtOnce = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string User, string Namespace, ResourceVerb Access), (bool Allowed, DateTimeOffset Until)> _answers = [];

    public async Task<bool> AllowedAsync(V1UserInfo user, string ns, ResourceVerb need, CancellationToken cancellationToken)
    {
        var key = (Key(user), ns, need);
        lock (_gate)
        {
            if (_answers.TryGetValue(key, out var known) && known.Until > time.GetUtcNow())
            {
                return known.Allowed;
            }
        }

        var allowed = await access.AllowedAsync(user, ns, need, cancellationToken) == true;
        lock (_gate)
        {
            if (_answers.Count >= MaxAnswers)
            {
                _answers.Clear();
            }

            _answers[key] = (allowed, time.GetUtcNow() + options.AccessCacheTime);
        }

        return allowed;
    }

    /// <summary>Those of <paramref name="namespaces"/> in which <paramref name="user"/> holds <paramref name="need"/>.</summary>
    public async Task<IReadOnlySet<string>> AllowedAsync(
        V1UserInfo user, IEnumerable<string> namespaces, ResourceVerb need, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            namespaces.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = ReviewsAtOnce, CancellationToken = cancellationToken },
            async (ns, stop) =>
            {
                if (await AllowedAsync(user, ns, need, stop))
                {
                    lock (allowed)
                    {
                        allowed.Add(ns);
                    }
                }
            });
        return allowed;
    }

    /// <summary>The user as the API server authorizes them: name and groups.</summary>
    private static string Key(V1UserInfo user) => user.Username + "\n" + string.Join('\n', user.Groups ?? []);
}
