namespace Netra.Probes.Contract;

/// <summary>
/// What a probe run may do to the services it checks. <see cref="Safe"/> is for services people use
/// (read-mostly, no fault injection, no waiting for token expiry, no throttling of real users);
/// <see cref="Full"/> for disposable environments, where every case runs.
/// </summary>
public static class ProbeProfiles
{
    public const string Safe = "safe";
    public const string Full = "full";

    public static IReadOnlyList<string> All { get; } = [Safe, Full];
}
