using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Netra.Backend.Sessions;

namespace Netra.Backend.Tests.Unit;

/// <summary>A user churning sessions keeps at most the cap of them: the one detached longest ago goes first, attached ones never.</summary>
public sealed class SessionRegistryTests
{
    [Fact]
    public void A_new_session_beyond_the_cap_forgets_the_users_session_detached_longest_ago_and_no_other_users()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var registry = new SessionRegistry(Options.Create(new BackendOptions { MaxSessionsPerUser = 3 }), time);
        var bob = registry.Create("bob");
        var alice = new List<Session>();
        for (var i = 0; i < 1000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            alice.Add(registry.Create("alice"));
        }

        Assert.Equal(3, alice.Count(s => registry.FindResumable(s.Id, "alice") is not null));
        Assert.All(alice.TakeLast(3), s => Assert.NotNull(registry.FindResumable(s.Id, "alice")));
        Assert.NotNull(registry.FindResumable(bob.Id, "bob"));
    }
}
