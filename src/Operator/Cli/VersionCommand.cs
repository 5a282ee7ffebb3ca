using System.CommandLine;
using System.Reflection;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Cli;

/// <summary><c>netra-operator version</c>: this build's version and the TestRun API version it speaks.</summary>
public static class VersionCommand
{
    public static Command Create(TextWriter output)
    {
        var version = new Command("version", "Print netra-operator's version and the TestRun API version it speaks.");
        version.SetAction(async _ =>
        {
            await output.WriteLineAsync($"netra-operator {Informational}");
            await output.WriteLineAsync($"TestRun API {TestRun.ApiVersionName}");
            return 0;
        });
        return version;
    }

    /// <summary>The assembly's informational version (the product version, with the source revision when the build knows it).</summary>
    public static string Informational =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
