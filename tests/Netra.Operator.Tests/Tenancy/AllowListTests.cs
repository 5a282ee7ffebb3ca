using Netra.Operator.Core.Tenancy;

namespace Netra.Operator.Tests.Tenancy;

public sealed class AllowListTests
{
    public static TheoryData<string, string, bool> Images => new()
    {
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes:0.1.0", true },
        { "ghcr.io/netra/netra-probes", $"ghcr.io/netra/netra-probes@sha256:{Digest}", true },
        { "ghcr.io/netra/netra-probes", $"ghcr.io/netra/netra-probes:0.1.0@sha256:{Digest}", true },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes@sha256:abc", false },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes@evil.example/exfiltrate:1", false },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes:0.1.0@evil.example/x", false },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes:1:2", false },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes/../../evil/x:1", false },
        { "ghcr.io/netra/netra-probes:0.1.0", $"ghcr.io/netra/netra-probes:0.1.0@sha256:{Digest}", false },
        { "ghcr.io/netra/", "ghcr.io/netra/x@evil.example/y", false },
        { "*.example.com", "evil.com/x:registry.example.com", false },
        { "*.example.com", "registry.example.com:5000/x:1", true },
        { "*", "anything/at:all", true },
        { "*", "not a reference", false },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes", true },
        { "ghcr.io/netra/netra-probes", "ghcr.io/netra/netra-probes-evil:0.1.0", false },
        { "ghcr.io/netra/netra-probes", "evil.example/netra/netra-probes:0.1.0", false },
        { "ghcr.io/netra/netra-probes:0.1.0", "ghcr.io/netra/netra-probes:0.2.0", false },
        { "registry.example.com:5000/team/", "registry.example.com:5000/team/probes:1", true },
        { "registry.example.com:5000/team/", "registry.example.com:5000/other/probes:1", false },
        { "registry.example.com:5000/probes", "registry.example.com:5000/probes:1", true },
    };

    private const string Digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [MemberData(nameof(Images))]
    public void An_image_is_allowed_by_its_repository_a_prefix_or_a_star(string entry, string image, bool allowed) =>
        Assert.Equal(allowed, AllowList.AllowsImage([entry], image));

    public static TheoryData<string, string, bool> Hosts => new()
    {
        { "*.svc.cluster.local", "netra-auth.prod.svc.cluster.local", true },
        { "*.svc.cluster.local", "NETRA-AUTH.PROD.SVC.CLUSTER.LOCAL", true },
        { "*.svc.cluster.local", "svc.cluster.local.attacker.example", false },
        { "*.svc", "netra-auth.prod.svc", true },
        { "*.svc", "attacker.example", false },
        { "auth.example.com", "auth.example.com", true },
        { "auth.example.com", "auth.example.com.attacker.example", false },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_is_allowed_exactly_or_by_its_domain(string entry, string host, bool allowed) =>
        Assert.Equal(allowed, AllowList.Allows([entry], host));
}
