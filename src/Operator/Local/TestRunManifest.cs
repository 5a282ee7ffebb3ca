using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Netra.Operator.Local;

/// <summary>
/// Reads the TestRun of a YAML file, the same file a user would <c>kubectl apply</c>, as strictly as kubectl
/// does: a field the TestRun does not have is refused. Every problem is one line naming the file. A TestRunSchedule
/// stands for the TestRun it would create: its template, named after it.
/// </summary>
public static class TestRunManifest
{
    /// <summary>The path that means standard input.</summary>
    public const string StandardInput = "-";

    public sealed class InvalidManifestException(string message, Exception? inner = null) : Exception(message, inner);

    /// <summary>The file's TestRun; <paramref name="path"/> <c>-</c> reads standard input.</summary>
    public static TestRun Load(string path, TextReader? standardInput = null)
    {
        if (path == StandardInput)
        {
            return Parse((standardInput ?? Console.In).ReadToEnd(), "(standard input)", checkAsApplied: true);
        }

        string text;
        try
        {
            text = Directory.Exists(path) ? throw new IOException("is a directory, not a manifest file") : File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidManifestException($"{path}: {error.Message}", error);
        }

        return Parse(text, path, checkAsApplied: true);
    }

    /// <summary>
    /// The one TestRun among the file's documents; YAML goes through JSON so that field types are checked
    /// as the API server would. With <paramref name="checkAsApplied"/>, each TestRun or TestRunSchedule document is
    /// first checked against its CRD's schema (<see cref="ManifestSchema"/>, kubectl's words), and the run's spec as
    /// the operator checks it: a spec it would not run is bad input here, not a failed run.
    /// </summary>
    public static TestRun Parse(string yaml, string source, bool checkAsApplied = false)
    {
        var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
        var testRuns = new List<TestRun>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<YamlDotNet.Core.Events.StreamStart>();
            while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            {
                var document = deserializer.Deserialize<Dictionary<object, object?>?>(parser);
                if (checkAsApplied && document?.GetValueOrDefault("kind") is string kind
                    && JsonNode.Parse(JsonSerializer.Serialize(document)) is { } json
                    && ManifestSchema.FirstViolation(kind, json) is { } violation)
                {
                    throw new InvalidManifestException($"{source}: {violation}");
                }

                if (document is not null && Equals(document.GetValueOrDefault("kind"), TestRun.KindName))
                {
                    testRuns.Add(FromJson<TestRun>(JsonSerializer.Serialize(document), source));
                }
                else if (document is not null && Equals(document.GetValueOrDefault("kind"), TestRunSchedule.KindName))
                {
                    testRuns.Add(TemplateOf(FromJson<TestRunSchedule>(JsonSerializer.Serialize(document), source)));
                }
            }
        }
        catch (YamlException error)
        {
            var reason = (error.InnerException ?? error).Message.ReplaceLineEndings(" ");
            throw new InvalidManifestException(
                $"{source}: not valid YAML at line {error.Start.Line}, column {error.Start.Column}: {reason}", error);
        }

        return testRuns switch
        {
            [var only] when only.ApiVersion == TestRun.ApiVersionName => checkAsApplied ? Valid(only, source) : only,
            [var other] => throw new InvalidManifestException(
                $"{source}: apiVersion must be {TestRun.ApiVersionName}, not '{other.ApiVersion}'."),
            [] => throw new InvalidManifestException($"{source}: no document of kind {TestRun.KindName} or {TestRunSchedule.KindName}."),
            _ => throw new InvalidManifestException($"{source}: {testRuns.Count} TestRuns; the local run takes one at a time."),
        };
    }

    /// <summary>The run, when its spec is one the operator would run; else its first problem, as bad input.</summary>
    private static TestRun Valid(TestRun run, string source) =>
        TestRunValidation.Validate(TestRunDefaults.Resolve(run.Spec)) is [var first, ..]
            ? throw new InvalidManifestException($"{source}: {first}")
            : run;

    private static TestRun TemplateOf(TestRunSchedule schedule) => new()
    {
        ApiVersion = schedule.ApiVersion,
        Metadata = new k8s.Models.V1ObjectMeta { Name = schedule.Metadata.Name, NamespaceProperty = schedule.Metadata.NamespaceProperty },
        Spec = schedule.Spec.Template,
    };

    private static T FromJson<T>(string json, string source)
    {
        T item;
        try
        {
            item = JsonSerializer.Deserialize<T>(json, TestRunJson.ManifestOptions)!;
        }
        catch (JsonException error)
        {
            throw new InvalidManifestException($"{source}: {error.Path}: {error.Message.ReplaceLineEndings(" ")}", error);
        }

        if (UnknownFields.Find(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(item, TestRunJson.ManifestOptions))) is [var first, ..] unknown)
        {
            var more = unknown.Count > 1 ? $" (and {unknown.Count - 1} more)" : string.Empty;
            throw new InvalidManifestException($"{source}: unknown field \"{first}\"{more}; kubectl apply refuses it too");
        }

        return item;
    }
}
