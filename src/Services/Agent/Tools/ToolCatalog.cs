namespace Netra.Agent.Tools;

/// <summary>Every tool the agents may call, by name.</summary>
public sealed class ToolCatalog(IEnumerable<ITool> tools)
{
    private readonly Dictionary<string, ITool> _byName = tools.ToDictionary(tool => tool.Spec.Name, StringComparer.Ordinal);

    public ITool? Find(string name) => _byName.GetValueOrDefault(name);

    public ITool Get(string name) => Find(name) ?? throw new InvalidOperationException($"No tool named '{name}'.");
}
