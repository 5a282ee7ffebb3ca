using System.Text.Json;

namespace Netra.TestBed;

/// <summary>
/// The kube-apiserver's audit log of one user's requests (policy: that user at level Metadata,
/// everyone else not at all): which API each request used, as RBAC names it.
/// </summary>
public sealed class AuditLog
{
    private readonly string _path;

    private AuditLog(string path, string policyPath)
    {
        _path = path;
        ApiServerFlags = [$"--audit-policy-file={policyPath}", $"--audit-log-path={path}", "--audit-log-mode=blocking"];
    }

    public IReadOnlyList<string> ApiServerFlags { get; }

    public static AuditLog Create(string directory, string userName)
    {
        var policyPath = Path.Combine(directory, "audit-policy.yaml");
        File.WriteAllText(policyPath, $"""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
              - level: Metadata
                users: ["{userName}"]
              - level: None
            """);
        return new AuditLog(Path.Combine(directory, "audit.log"), policyPath);
    }

    /// <summary>Every distinct <c>group/resource[/subresource] verb</c> requested so far, sorted.</summary>
    public IReadOnlyList<string> RequestedPermissions()
    {
        var permissions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (root, target) in Requests())
        {
            var subresource = Text(target, "subresource");
            permissions.Add(
                $"{Text(target, "apiGroup")}/{Text(target, "resource")}{(subresource.Length > 0 ? "/" + subresource : string.Empty)} {Text(root, "verb")}");
        }

        return [.. permissions];
    }

    /// <summary>The resources written successfully in <paramref name="ns"/> (created, patched or updated), in the order the writes completed.</summary>
    public List<string> ResourcesWrittenIn(string ns) =>
        [.. Requests()
            .Where(r => Text(r.Target, "namespace") == ns && Text(r.Root, "verb") is "create" or "patch" or "update"
                && r.Root.TryGetProperty("responseStatus", out var status) && status.GetProperty("code").GetInt32() < 300)
            .Select(r => Text(r.Target, "resource"))
            .Distinct()];

    /// <summary>Each request's entry and the object it was made on; only requests on an object.</summary>
    private IEnumerable<(JsonElement Root, JsonElement Target)> Requests()
    {
        if (!File.Exists(_path))
        {
            yield break;
        }

        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (Parsed(line) is not { } parsed)
            {
                yield break;
            }

            using var entry = parsed;
            if (entry.RootElement.TryGetProperty("objectRef", out var target))
            {
                yield return (entry.RootElement, target);
            }
        }
    }

    /// <summary>The entry, or null for the last line while the API server is still writing it.</summary>
    private static JsonDocument? Parsed(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
