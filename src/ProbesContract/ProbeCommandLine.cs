namespace Netra.Probes.Contract;

/// <summary>
/// <c>netra-probes run</c> as the operator's probe Jobs call it: the option names the probes parse
/// and the arguments a Job passes, in one place.
/// </summary>
public static class ProbeCommandLine
{
    /// <summary>Where a container's termination message is read from (Kubernetes' default path).</summary>
    public const string TerminationLogPath = "/dev/termination-log";

    public const string Run = "run";
    public const string AuthUrl = "--auth-url";
    public const string BackendUrl = "--backend-url";
    public const string AgentUrl = "--agent-url";
    public const string Scenario = "--scenario";
    public const string TerminationLog = "--termination-log";
    public const string Profile = "--profile";
    public const string PreflightTimeout = "--preflight-timeout";

    /// <summary>Prints the full report as the last line of standard output (<see cref="ReportLine"/>).</summary>
    public const string LogReport = "--log-report";

    /// <summary>
    /// The arguments of one probe Job: the three services, the scenarios it runs, its termination log, its full report
    /// in its log, and, when given, its profile (<see cref="ProbeProfiles"/>; the probes' default is <see cref="ProbeProfiles.Full"/>)
    /// and how long its preflight may wait for the services.
    /// </summary>
    public static IReadOnlyList<string> RunArguments(
        string authUrl,
        string backendUrl,
        string agentUrl,
        IEnumerable<string> scenarios,
        string terminationLog = TerminationLogPath,
        string? profile = null,
        TimeSpan? preflightTimeout = null)
    {
        List<string> args = [Run, AuthUrl, authUrl, BackendUrl, backendUrl, AgentUrl, agentUrl];
        foreach (var scenario in scenarios)
        {
            args.AddRange([Scenario, scenario]);
        }

        args.AddRange([TerminationLog, terminationLog, LogReport]);
        if (profile is not null)
        {
            args.AddRange([Profile, profile]);
        }

        if (preflightTimeout is { } budget)
        {
            args.AddRange([PreflightTimeout, GoDuration.Format(budget)]);
        }

        return args;
    }
}
