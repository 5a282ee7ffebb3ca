using System.Text.Json;
using k8s;
using Netra.Operator.Core.Api.V1Alpha1;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Netra.Operator.Local;

/// <summary>Reads the TestRun of a YAML file, the same file a user would <c>kubectl apply</c>.</summary>
public static class TestRunManifest
{
    public sealed class InvalidManifestException(string message, Exception? inner = null) : Exception(message, inner);

    public static TestRun Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException error)
        {
            throw new InvalidManifestException($"{path}: {error.Message}", error);
        }

        return Parse(text, path);
    }

    /// <summary>The one TestRun among the file's documents; YAML goes through JSON so that field types are checked as the API server would.</summary>
    public static TestRun Parse(string yaml, string source)
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
                if (document is not null && Equals(document.GetValueOrDefault("kind"), TestRun.KindName))
                {
                    testRuns.Add(FromJson(JsonSerializer.Serialize(document), source));
                }
            }
        }
        catch (YamlException error)
        {
            throw new InvalidManifestException($"{source}: not valid YAML at line {error.Start.Line}: {error.Message}", error);
        }

        return testRuns switch
        {
            [var only] when only.ApiVersion == TestRun.ApiVersionName => only,
            [var other] => throw new InvalidManifestException($"{source}: apiVersion must be {TestRun.ApiVersionName}, not '{other.ApiVersion}'."),
            [] => throw new InvalidManifestException($"{source}: no document of kind {TestRun.KindName}."),
            _ => throw new InvalidManifestException($"{source}: {testRuns.Count} TestRuns; the local run takes one at a time."),
        };
    }

    private static TestRun FromJson(string json, string source)
    {
        try
        {
            return KubernetesJson.Deserialize<TestRun>(json);
        }
        catch (JsonException error)
        {
            throw new InvalidManifestException($"{source}: {error.Path}: {error.Message}", error);
        }
    }
}
