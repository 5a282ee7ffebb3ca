using System.Globalization;

namespace Netra.TestBed;

/// <summary>
/// A memory cgroup with a hard limit, as a pod's container gets from its <c>resources.limits.memory</c>: the
/// kernel kills a process inside that goes over, and .NET sizes its heap from the limit (75% of it) as it
/// does in a pod. cgroup v1 (the test machines') or v2. Disposing removes the group once its processes are gone.
/// </summary>
public sealed class MemoryLimit : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private readonly bool _unified;

    private MemoryLimit(string directory, bool unified)
    {
        Directory = directory;
        _unified = unified;
    }

    public string Directory { get; }

    public static MemoryLimit Create(string name, long bytes)
    {
        var unified = File.Exists(Path.Combine(Root, "cgroup.controllers"));
        var directory = unified ? Path.Combine(Root, name) : Path.Combine(Root, "memory", name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, unified ? "memory.max" : "memory.limit_in_bytes"), bytes.ToString(CultureInfo.InvariantCulture));
        return new MemoryLimit(directory, unified);
    }

    /// <summary>The command that runs <paramref name="executable"/> inside the group from its first instruction.</summary>
    public (string Executable, IReadOnlyList<string> Arguments) Wrap(string executable, IEnumerable<string> arguments) =>
        ("/bin/sh", ["-c", $"echo $$ > '{Path.Combine(Directory, "cgroup.procs")}' && exec \"$0\" \"$@\"", executable, .. arguments]);

    /// <summary>The most memory the group has held (v1; on v2 kernels without memory.peak, what it holds now).</summary>
    public long PeakBytes => ReadNumber(_unified ? (File.Exists(Path.Combine(Directory, "memory.peak")) ? "memory.peak" : "memory.current")
        : "memory.max_usage_in_bytes");

    /// <summary>How many processes the kernel killed for going over the limit.</summary>
    public long OomKills
    {
        get
        {
            var line = File.ReadLines(Path.Combine(Directory, _unified ? "memory.events" : "memory.oom_control"))
                .FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["oom_kill ".Length..], CultureInfo.InvariantCulture);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory);
        }
        catch (IOException)
        {
            // A process still inside (being killed): the group is left for the machine's next boot.
        }
    }

    private long ReadNumber(string file) => long.Parse(File.ReadAllText(Path.Combine(Directory, file)).Trim(), CultureInfo.InvariantCulture);
}
