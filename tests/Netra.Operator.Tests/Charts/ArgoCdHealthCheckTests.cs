using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The Argo CD health check for TestRuns (gitops/argocd/testrun-health/health.lua) run by a real Lua
/// interpreter (tests/tools.sh installs it) on each fixture of health_test.yaml, Argo CD's own layout:
/// Succeeded is Healthy, Failed and a refused spec Degraded, anything still running Progressing.
/// </summary>
public sealed class ArgoCdHealthCheckTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "gitops", "argocd", "testrun-health");

    public static TheoryData<string, string, string> Cases() => Cases(Folder);

    /// <summary>The fixtures of a health check's health_test.yaml: input path, status, message.</summary>
    internal static TheoryData<string, string, string> Cases(string folder)
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var test in YamlNodes.Load(File.ReadAllText(Path.Combine(folder, "health_test.yaml")))!["tests"]!.AsArray())
        {
            cases.Add((string)test!["inputPath"]!, (string)test["healthStatus"]!["status"]!, (string)test["healthStatus"]!["message"]!);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_health_of_each_fixture_is_the_expected_one(string input, string status, string message)
    {
        var resource = YamlNodes.Load(File.ReadAllText(Path.Combine(Folder, input)));

        var (actualStatus, actualMessage) = Health(resource);

        Assert.Equal((status, message), (actualStatus, actualMessage));
    }

    [Fact]
    public void The_fixtures_cover_every_outcome_argo_cd_shows()
    {
        var statuses = Cases().Select(row => (string)row[1]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["Degraded", "Healthy", "Progressing"], statuses);
    }

    /// <summary>As Argo CD runs it: the script is a function body with the resource in the global <c>obj</c>.</summary>
    internal static (string Status, string Message) Health(JsonNode? resource, string? folder = null)
    {
        var script = Path.Combine(Path.GetTempPath(), $"netra-health-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, $"""
            obj = {LuaTable(resource)}
            local hs = (function()
            {File.ReadAllText(Path.Combine(folder ?? Folder, "health.lua"))}
            end)()
            io.write(hs.status, "\n", hs.message or "", "\n")
            """);
        try
        {
            var output = Run(Interpreter(), script).Split('\n');
            return (output[0], output[1]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Run(string interpreter, string script)
    {
        var start = new ProcessStartInfo(interpreter, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the Lua interpreter did not finish");
        Assert.True(process.ExitCode == 0, $"{interpreter} failed: {error}");
        return output;
    }

    private static string Interpreter() =>
        new[] { "lua5.4", "lua5.3" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No lua5.4 or lua5.3 on PATH: run tests/tools.sh.");

    private static string LuaTable(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject map => "{" + string.Join(", ", map.Where(pair => pair.Value is not null)
            .Select(pair => $"[{LuaString(pair.Key)}] = {LuaTable(pair.Value)}")) + "}",
        JsonArray list => "{" + string.Join(", ", list.Select(LuaTable)) + "}",
        JsonValue value when value.TryGetValue<string>(out var text) => LuaString(text),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => node.GetValue<double>() is var number && number == Math.Floor(number)
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string LuaString(string text)
    {
        var escaped = new StringBuilder("\"");
        foreach (var character in text)
        {
            escaped.Append(character switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                _ => character.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }
}
