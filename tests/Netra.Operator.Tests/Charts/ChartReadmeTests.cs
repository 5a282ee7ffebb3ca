using Netra.Testing;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// The operator chart's README lists every value as readme-generator-for-helm writes the table from the
/// <c>## @param</c> comments of values.yaml (the generator, from npm, is installed by <c>tests/tools.sh</c>): run on
/// a copy, it changes nothing, or the README has drifted from the values.
/// </summary>
public sealed class ChartReadmeTests
{
    /// <summary>Where <c>tests/tools.sh</c> installs the generator.</summary>
    private const string Generator = "/var/cache/netra/readme-generator/node_modules/.bin/readme-generator";

    private const string Regenerate =
        $"{Generator} --values charts/netra-operator/values.yaml --readme charts/netra-operator/README.md";

    [Fact]
    public async Task The_parameters_table_is_what_the_generator_writes_from_values_yaml()
    {
        Assert.True(File.Exists(Generator), $"{Generator} is missing: run tests/tools.sh");
        var chart = Path.Combine(Repository.Root, "charts", "netra-operator");
        var copy = Directory.CreateTempSubdirectory("netra-chart-readme-");
        try
        {
            var readme = Path.Combine(copy.FullName, "README.md");
            var values = Path.Combine(copy.FullName, "values.yaml");
            File.Copy(Path.Combine(chart, "README.md"), readme);
            File.Copy(Path.Combine(chart, "values.yaml"), values);

            var exit = await CommandProcess.RunFileAsync(Generator, ["--values", values, "--readme", readme], TimeSpan.FromMinutes(1));

            Assert.True(exit.Code == 0, $"the generator refused values.yaml's metadata: {exit}");
            Assert.True(
                File.ReadAllText(Path.Combine(chart, "README.md")) == File.ReadAllText(readme),
                $"charts/netra-operator/README.md differs from what the generator writes from values.yaml; regenerate it: {Regenerate}");
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
