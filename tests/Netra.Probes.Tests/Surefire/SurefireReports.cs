using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Netra.Testing;

namespace Netra.Probes.Tests.Surefire;

/// <summary>
/// A JUnit file read by Maven Surefire's own report parser (<c>surefire-report-parser</c>, from Debian's
/// <c>libsurefire-java</c>, put in <see cref="JarFolder"/> by <c>tests/tools.sh</c>) through <c>SurefireReportDump.java</c>:
/// what a CI system built on it would count and show; and each of its suites checked against Surefire's report schema
/// (<c>surefire-test-report.xsd</c>, also put there by the script). A missing Java, jar or schema fails the test that
/// needs it, naming the script.
/// </summary>
public static class SurefireReports
{
    public static string JarFolder => Environment.GetEnvironmentVariable("NETRA_SUREFIRE_JARS") ?? "/var/cache/netra/surefire";

    /// <summary>Java starting and compiling the reader takes seconds, more on a loaded machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The parser's lines: <c>valid true</c>, then <c>suite NAME tests=… failures=… errors=… skipped=… flakes=…</c>
    /// and <c>case NAME passed|failure|error|skipped [type=…] [message=…]</c>.</summary>
    public static async Task<IReadOnlyList<string>> ParseAsync(string junitPath)
    {
        string[] jars = ["surefire-report-parser.jar", "surefire-logger-api.jar"];
        var missing = jars.Where(j => !File.Exists(Path.Combine(JarFolder, j))).ToList();
        Assert.True(missing.Count == 0, $"{string.Join(", ", missing)} missing in {JarFolder}: run tests/tools.sh");
        var exit = await CommandProcess.RunFileAsync(
            "java",
            [
                "-cp", string.Join(':', jars.Select(j => Path.Combine(JarFolder, j))),
                Path.Combine(AppContext.BaseDirectory, "Surefire", "SurefireReportDump.java"),
                junitPath,
            ],
            Deadline);
        Assert.True(exit.Code == 0, $"Surefire's parser failed on {junitPath}: {exit}");
        return exit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>What Surefire's schema finds wrong in each <c>testsuite</c> of the file, as its own document: none when valid.</summary>
    public static IReadOnlyList<string> SchemaProblems(string junitPath)
    {
        var schemaPath = Path.Combine(JarFolder, "surefire-test-report.xsd");
        Assert.True(File.Exists(schemaPath), $"{schemaPath} missing: run tests/tools.sh");
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(schemaPath))
        {
            schemas.Add(null, reader);
        }

        var problems = new List<string>();
        foreach (var suite in XDocument.Load(junitPath).Descendants("testsuite"))
        {
            new XDocument(new XElement(suite)).Validate(
                schemas, (_, e) => problems.Add($"{suite.Attribute("name")?.Value}: {e.Message}"));
        }

        return problems;
    }
}
