using Netra.Auth.Keys;

namespace Netra.Auth.Tests.Unit;

public class KeyRotationScheduleTests
{
    // Interval 10 s, lead 2 s, tokens live 5 s (lifetime plus skew). Times are seconds from T0.
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RotationSettings Settings = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    public static TheoryData<string, string, int, int?, string> Plans => new()
    {
        // description, keys "kid@activatesAt,...", now, expected new key activation, expected retired kids
        { "no key yet: the first signs at once", "", 0, 0, "" },
        { "fresh key: nothing to do", "a@0", 1, null, "" },
        { "just before the lead window", "a@0", 7, null, "" },
        { "lead window opens: successor due at the interval", "a@0", 8, 10, "" },
        { "late tick: activation pushed to keep the full lead", "a@0", 13, 15, "" },
        { "successor already pending: no second one", "a@0,b@10", 9, null, "" },
        { "successor signing, old tokens still live", "a@0,b@10", 14, null, "" },
        { "old tokens expired: previous key retired", "a@0,b@10", 15, null, "a" },
        { "retire and create in one plan", "a@0,b@10", 18, 20, "a" },
        { "only keys whose successor has signed long enough", "a@0,b@10,c@20", 22, null, "a" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Plan_follows_the_schedule(string description, string keys, int now, int? expectedActivation, string expectedRetired)
    {
        var plan = KeyRotationSchedule.Plan(Parse(keys), T0.AddSeconds(now), Settings);

        Assert.True(expectedActivation is null ? plan.CreateKeyActivatingAt is null : plan.CreateKeyActivatingAt == T0.AddSeconds(expectedActivation.Value), description);
        Assert.Equal(expectedRetired.Split(',', StringSplitOptions.RemoveEmptyEntries), plan.Retire);
    }

    [Theory]
    [InlineData("a@0", 5, "a")]
    [InlineData("a@0,b@10", 9, "a")]
    [InlineData("a@0,b@10", 10, "b")]
    [InlineData("b@10,a@0", 11, "b")]
    [InlineData("b@10", 3, "b")]
    public void Signing_key_is_the_latest_activated(string keys, int now, string expected) =>
        Assert.Equal(expected, KeyRotationSchedule.SigningKid(Parse(keys), T0.AddSeconds(now)));

    [Fact]
    public void A_new_key_is_always_published_for_the_full_lead_before_it_signs()
    {
        // Drive the schedule through a long run with irregular ticks and check the invariant at every step.
        var keys = new List<KeyActivation>();
        var publishedAt = new Dictionary<string, DateTimeOffset>();
        var now = T0;
        string? firstKid = null;
        for (var step = 0; step < 500; step++)
        {
            now = now.AddMilliseconds(137 + (step % 7 * 411));
            var plan = KeyRotationSchedule.Plan(keys, now, Settings);
            if (plan.CreateKeyActivatingAt is { } activation)
            {
                var kid = $"k{step}";
                keys.Add(new KeyActivation(kid, activation));
                publishedAt[kid] = now;
                firstKid ??= kid;
            }

            keys.RemoveAll(k => plan.Retire.Contains(k.Kid));
            var signing = KeyRotationSchedule.SigningKid(keys, now)!;
            Assert.True(signing == firstKid || now - publishedAt[signing] >= Settings.PublishLead, $"{signing} signs at {now:O} before its lead elapsed");
            Assert.InRange(keys.Count, 1, 3);
        }
    }

    private static List<KeyActivation> Parse(string keys) =>
        [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => k.Split('@')).Select(p => new KeyActivation(p[0], T0.AddSeconds(int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))))];
}
