namespace Netra.Auth.Configuration;

/// <summary>
/// <c>Auth:LoginThrottling</c>. Failed logins are counted per username and per client address;
/// every login attempt (successful or not) is also capped per address, since each one costs a
/// password hash; refresh-token rotations are capped per address too.
/// </summary>
public sealed class LoginThrottlingOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int FailuresPerUsername { get; set; } = 5;

    public int FailuresPerAddress { get; set; } = 20;

    public int AttemptsPerAddress { get; set; } = 300;

    /// <summary>Refresh-token rotations per client address and window (each writes the token store).</summary>
    public int RefreshesPerAddress { get; set; } = 300;

    public IEnumerable<string> Problems()
    {
        if (Window <= TimeSpan.Zero)
        {
            yield return "Auth:LoginThrottling:Window must be positive.";
        }

        if (FailuresPerUsername <= 0 || FailuresPerAddress <= 0 || AttemptsPerAddress <= 0 || RefreshesPerAddress <= 0)
        {
            yield return "Auth:LoginThrottling limits must be positive.";
        }
    }
}
