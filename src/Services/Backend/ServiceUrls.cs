namespace Netra.Backend;

/// <summary>The <c>Services:*</c> configuration section: where the auth and agent services listen.</summary>
public sealed class ServiceUrls
{
    public const string Section = "Services";

    public Uri? AuthUrl { get; set; }

    public Uri? AgentUrl { get; set; }
}
