using System.Globalization;
using Netra.Probes.Contract;

namespace Netra.Probes.Running;

/// <summary>
/// Whether a case may run: its profile allows what it does, and the services offer what it needs. The
/// answer is the reason to skip it, or null.
/// </summary>
public static class CasePreconditions
{
    /// <summary>A token lifetime longer than this is not watched expiring.</summary>
    public const int MaxShortTokenSeconds = 20;

    /// <summary>What a case may need beyond the wait itself: connecting, reading, the machine being slow.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private static readonly (CaseNeeds Need, string What)[] OutsideSafeProfile =
    [
        (CaseNeeds.FaultInjection, "it injects faults into the agent"),
        (CaseNeeds.ShortTokens, "it waits for tokens to expire"),
        (CaseNeeds.Throttling, "it drives a user into a limit, which throttles that user for a while"),
    ];

    public static async Task<string?> UnmetAsync(ProbeCase probeCase, ProbeContext ctx, TimeSpan caseTimeout, CancellationToken ct)
    {
        var needs = probeCase.Needs;
        var safe = ctx.Profile == ProbeProfiles.Safe;
        if (safe && OutsideSafeProfile.FirstOrDefault(o => needs.HasFlag(o.Need)) is { What: { } what })
        {
            return $"not in the {ProbeProfiles.Safe} profile: {what} (run with --profile {ProbeProfiles.Full} in a disposable environment)";
        }

        if (needs.HasFlag(CaseNeeds.BreakerOpened) && !ctx.Facts.BreakerOpened)
        {
            return "the circuit breaker was not opened in this run (breaker-opens did not pass)";
        }

        if ((needs & (CaseNeeds.FaultInjection | CaseNeeds.ScriptedModel | CaseNeeds.ModelRuns)) != 0
            && Agent(needs, safe, await ctx.Facts.AgentAsync(ct)) is { } agentReason)
        {
            return agentReason;
        }

        if (needs.HasFlag(CaseNeeds.RevocationRecheck) && Recheck(await ctx.Facts.BackendAsync(ct), caseTimeout) is { } recheckReason)
        {
            return recheckReason;
        }

        return needs.HasFlag(CaseNeeds.ShortTokens) ? await ShortTokensAsync(ctx, caseTimeout, ct) : null;
    }

    private static string? Agent(CaseNeeds needs, bool safe, AgentCapabilities agent)
    {
        if (needs.HasFlag(CaseNeeds.FaultInjection) && agent.FaultInjection == false)
        {
            return "the agent runs without fault injection (Agent:FaultInjection:Enabled=false)";
        }

        var realModel = agent.Model is { } model && model != AgentCapabilities.ScriptedModel;
        if (needs.HasFlag(CaseNeeds.ScriptedModel) && realModel)
        {
            return $"the agent's model is '{agent.Model}', not the scripted one: its answers are not reproducible";
        }

        return safe && needs.HasFlag(CaseNeeds.ModelRuns) && realModel
            ? $"not in the {ProbeProfiles.Safe} profile: it starts agent runs, and the agent's model is '{agent.Model}' (each run costs)"
            : null;
    }

    private static string? Recheck(BackendTiming backend, TimeSpan caseTimeout)
    {
        if (backend.RecheckInterval is not { } interval)
        {
            return null;
        }

        // The backend jitters each interval by up to 10 %, then waits its grace for a refresh before closing.
        var needed = (interval * 1.1) + (backend.RefreshGrace ?? TimeSpan.Zero) + Margin;
        return needed <= caseTimeout
            ? null
            : $"the backend re-checks tokens every {Seconds(interval)} s and gives {Seconds(backend.RefreshGrace ?? TimeSpan.Zero)} s to refresh: "
              + $"a revocation may take {Seconds(needed)} s to show, longer than the case deadline of {Seconds(caseTimeout)} s "
              + "(Backend:AuthRecheckInterval, --case-timeout)";
    }

    private static async Task<string?> ShortTokensAsync(ProbeContext ctx, TimeSpan caseTimeout, CancellationToken ct)
    {
        if (ctx.Credentials.ExpiryUser is not { } user)
        {
            return "no expiry user (NETRA_PROBES_EXPIRY_USER, NETRA_PROBES_EXPIRY_PASSWORD)";
        }

        var lifetime = await ctx.Facts.ExpiryUserLifetimeAsync(ct);
        var grace = (await ctx.Facts.BackendAsync(ct)).RefreshGrace ?? TimeSpan.Zero;
        var needed = TimeSpan.FromSeconds(lifetime) + grace + Margin;
        if (lifetime > MaxShortTokenSeconds || needed > caseTimeout)
        {
            return $"the expiry user's tokens live {lifetime} s; watching one expire within the case deadline of {Seconds(caseTimeout)} s "
                + $"needs at most {MaxShortTokenSeconds} s (Auth:UserAccessTokenLifetimes:{user.Username})";
        }

        return null;
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
