using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;
using k8s.Models;
using Netra.Operator.ApiSchema;
using Netra.Operator.Core.Api.Schema;

namespace Netra.Operator.Tests.Api;

/// <summary>
/// The API schema has one source: the CRDs (both copies) and the reference pages' field tables in the repository are
/// what the C# API types generate, and each attribute on a property becomes its keyword in a structural schema.
/// </summary>
public sealed class CrdSchemaTests
{
    private static readonly JsonSerializerOptions CamelCase =
        new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly XmlDocs SampleDocs = new(XDocument.Parse($"""
        <doc><members>
          <member name="T:{typeof(Sample).FullName!.Replace('+', '.')}"><summary>A sample resource.</summary></member>
          <member name="P:{typeof(Sample).FullName!.Replace('+', '.')}.Bounded">
            <summary>
              Between <c>1</c> and 10, an <see cref="T:System.Int32"/>.
            </summary>
          </member>
          <member name="T:{typeof(Nested).FullName!.Replace('+', '.')}"><summary>Described by its type.</summary></member>
        </members></doc>
        """));

    private static readonly JsonObject SampleSchema = new OpenApiSchemas(SampleDocs).For(CamelCase.GetTypeInfo(typeof(Sample)));

    [Fact]
    public void The_repository_holds_what_the_api_types_generate()
    {
        var generated = GeneratedFiles.Render(Repository.Root);

        var stale = generated.Where(file => File.ReadAllText(Path.Combine(Repository.Root, file.Key)) != file.Value).Select(file => file.Key);

        Assert.Empty(stale);
        Assert.Equal(
            ["charts/netra-operator/crds/testruns.netra.io.yaml", "charts/netra-operator/crds/testrunschedules.netra.io.yaml",
                "crds/testruns.netra.io.yaml", "crds/testrunschedules.netra.io.yaml",
                "docs/testrun-reference.md", "docs/testrunschedule-reference.md"],
            generated.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("bounded", """{"description":"Between 1 and 10, an Int32.","type":"integer","minimum":1,"maximum":10,"default":3}""")]
    [InlineData("atLeastZero", """{"type":"integer","minimum":0}""")]
    [InlineData("name", """{"type":"string","minLength":1,"maxLength":253}""")]
    [InlineData("word", """{"type":"string","enum":["a","True"],"pattern":"^[a-zA-Z]+$"}""")]
    [InlineData("picked", """{"type":"string","enum":["p","q"]}""")]
    [InlineData("tags", """{"type":"array","minItems":1,"maxItems":4,"x-kubernetes-list-type":"set","items":{"type":"string","enum":["x","y"]}}""")]
    [InlineData("listed", """{"type":"array","default":["p","q"],"items":{"type":"string"}}""")]
    [InlineData("keyed", """{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["type"],"items":{"type":"object","required":["type"],"properties":{"type":{"type":"string"}}}}""")]
    [InlineData("labels", """{"type":"object","maxProperties":8,"additionalProperties":{"type":"string"}}""")]
    [InlineData("nested", """{"description":"Described by its type.","type":"object","default":{},"properties":{"flag":{"type":"boolean","default":false}}}""")]
    [InlineData("big", """{"type":"integer","format":"int64"}""")]
    [InlineData("when", """{"type":"string","format":"date-time"}""")]
    [InlineData("free", """{"type":"object","x-kubernetes-preserve-unknown-fields":true}""")]
    [InlineData("again", """{"description":"Described by its type.","type":"object","properties":{"flag":{"type":"boolean","default":false}}}""")]
    public void Each_attribute_becomes_its_keyword_in_a_structural_schema(string property, string expected)
    {
        var actual = SampleSchema["properties"]![property]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{property}: {actual.ToJsonString()}");
    }

    [Fact]
    public void The_root_is_described_by_its_type_and_lists_what_is_required()
    {
        Assert.Equal("A sample resource.", (string?)SampleSchema["description"]);
        Assert.Equal(["bounded"], SampleSchema["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("object", (string?)SampleSchema["properties"]!["selector"]!["type"]);
        Assert.NotNull(SampleSchema["properties"]!["selector"]!["properties"]!["matchExpressions"]);
    }

    [Fact]
    public void A_type_that_contains_itself_has_no_crd_schema() =>
        Assert.Throws<InvalidOperationException>(() => new OpenApiSchemas(SampleDocs).For(CamelCase.GetTypeInfo(typeof(Chain))));

    public sealed class Sample
    {
        [Required]
        [Range(1, 10)]
        [Default(3)]
        public int? Bounded { get; set; }

        [Range(0, int.MaxValue)]
        public int? AtLeastZero { get; set; }

        [StringLength(253, MinimumLength = 1)]
        public string? Name { get; set; }

        [RegularExpression("^[a-zA-Z]+$")]
        [AllowedValues("a", "True")]
        public string? Word { get; set; }

        [AllowedValuesOf(typeof(Sample), nameof(Defaults))]
        public string? Picked { get; set; }

        [MinItems(1)]
        [MaxItems(4)]
        [ListSet]
        [AllowedItems("x", "y")]
        public IList<string>? Tags { get; set; }

        [Default(typeof(Sample), nameof(Defaults))]
        public IList<string>? Listed { get; set; }

        [ListMap("type")]
        public IList<Keyed>? Keyed { get; set; }

        [MaxProperties(8)]
        public IDictionary<string, string>? Labels { get; set; }

        [DefaultEmpty]
        public Nested Nested { get; set; } = new();

        public long Big { get; set; }

        public DateTimeOffset? When { get; set; }

        public JsonObject? Free { get; set; }

        public Nested? Again { get; set; }

        public V1LabelSelector? Selector { get; set; }

        public static IReadOnlyList<string> Defaults { get; } = ["p", "q"];
    }

    public sealed class Keyed
    {
        [Required]
        public string? Type { get; set; }
    }

    public sealed class Nested
    {
        [Default(false)]
        public bool? Flag { get; set; }
    }

    public sealed class Chain
    {
        public Chain? Next { get; set; }
    }
}
