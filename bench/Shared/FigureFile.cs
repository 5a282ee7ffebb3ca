using System.Text.Json;

namespace Netra.Bench;

/// <summary>Writes a bench's figures as JSON for <c>bench/run.sh</c> to gather; the human table is printed as before.</summary>
public static class FigureFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The value after <c>--json</c> on the command line, if any.</summary>
    public static string? PathFrom(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("--json");
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    public static async Task WriteAsync(string? path, string bench, IEnumerable<Figure> figures)
    {
        if (path is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new { bench, figures = figures.ToList() }, Options);
    }
}
