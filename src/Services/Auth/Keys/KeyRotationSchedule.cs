namespace Netra.Auth.Keys;

/// <summary>When a signing key starts signing; it stops when the next one starts.</summary>
public readonly record struct KeyActivation(string Kid, DateTimeOffset ActivatesAt);

/// <param name="Interval">How long each key signs.</param>
/// <param name="PublishLead">How long a key is published before it signs.</param>
/// <param name="TokenLifetime">How long a token may still validate after it was signed (lifetime plus clock skew).</param>
public sealed record RotationSettings(TimeSpan Interval, TimeSpan PublishLead, TimeSpan TokenLifetime);

/// <summary>What to do now: create a key that activates at a given time, retire some keys, or both.</summary>
public sealed record RotationPlan(DateTimeOffset? CreateKeyActivatingAt, IReadOnlyList<string> Retire)
{
    public bool IsEmpty => CreateKeyActivatingAt is null && Retire.Count == 0;
}

/// <summary>
/// The rotation rules, free of I/O and clocks. A successor is created <see cref="RotationSettings.PublishLead"/>
/// before it activates, so it is in the JWKS before any token carries its kid. A key is retired (dropped from
/// the JWKS) only once its successor has been signing for longer than a token lives, so no token it signed can
/// still be valid.
/// </summary>
public static class KeyRotationSchedule
{
    public static RotationPlan Plan(IReadOnlyList<KeyActivation> keys, DateTimeOffset now, RotationSettings settings)
    {
        var ordered = Ordered(keys);
        if (ordered.Count == 0)
        {
            // Nothing was ever published, so nobody can hold a token: the first key may sign at once.
            return new RotationPlan(now, []);
        }

        DateTimeOffset? create = null;
        var active = Active(ordered, now);
        var hasPending = ordered.Any(k => k.ActivatesAt > now);
        if (active is { } current && !hasPending && now >= current.ActivatesAt + settings.Interval - settings.PublishLead)
        {
            // A late tick (a stopped process, a paused VM) pushes activation out rather than shortening the lead.
            var due = current.ActivatesAt + settings.Interval;
            var earliest = now + settings.PublishLead;
            create = due > earliest ? due : earliest;
        }

        var retire = new List<string>();
        for (var i = 0; i < ordered.Count - 1; i++)
        {
            var successorSince = ordered[i + 1].ActivatesAt;
            if (successorSince <= now && successorSince + settings.TokenLifetime <= now)
            {
                retire.Add(ordered[i].Kid);
            }
        }

        return new RotationPlan(create, retire);
    }

    /// <summary>The kid to sign with now: the latest activated key (the earliest key if the clock went back); null when there is
    /// none.</summary>
    public static string? SigningKid(IReadOnlyList<KeyActivation> keys, DateTimeOffset now)
    {
        var ordered = Ordered(keys);
        return ordered.Count == 0 ? null : (Active(ordered, now) ?? ordered[0]).Kid;
    }

    private static List<KeyActivation> Ordered(IReadOnlyList<KeyActivation> keys) =>
        [.. keys.OrderBy(k => k.ActivatesAt).ThenBy(k => k.Kid, StringComparer.Ordinal)];

    private static KeyActivation? Active(List<KeyActivation> ordered, DateTimeOffset now)
    {
        KeyActivation? active = null;
        foreach (var key in ordered.Where(k => k.ActivatesAt <= now))
        {
            active = key;
        }

        return active;
    }
}
