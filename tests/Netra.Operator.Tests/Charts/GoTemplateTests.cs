namespace Netra.Operator.Tests.Charts;

/// <summary>The template subset the chart tests render with behaves as Go's text/template and helm's functions do.</summary>
public sealed class GoTemplateTests
{
    [Theory]
    [InlineData("a\n  {{- .x }}\nb", "x: 1", "a1\nb")]
    [InlineData("{{ .x -}}\n  b", "x: 1", "1b")]
    [InlineData("{{ if .x }}yes{{ else }}no{{ end }}", "x: \"\"", "no")]
    [InlineData("{{ with .m }}{{ .k }}{{ end }}", "m: {k: v}", "v")]
    [InlineData("{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", "m: {b: 2, a: 1}", "a=1;b=2;")]
    [InlineData("{{ .t | default \"d\" }}", "t: \"\"", "d")]
    [InlineData("{{ .n }} {{ .n | quote }} {{ .s | quote }}", "{n: 1000000, s: \"1000000\"}", "1e+06 \"1e+06\" \"1000000\"")]
    [InlineData("{{ and .a (not .b) }}", "{a: true, b: false}", "true")]
    [InlineData("{{ printf \"%s-data\" .x }}", "x: auth", "auth-data")]
    [InlineData("l:{{ toYaml .m | nindent 2 }}", "m: {k: v}", "l:\n  k: v")]
    public void Renders_as_go_and_helm_do(string template, string values, string expected)
    {
        Assert.Equal(expected, new GoTemplate().Render(template, YamlNodes.Load(values)));
    }

    [Fact]
    public void Includes_a_define_with_the_dot_it_is_given()
    {
        var template = new GoTemplate();
        template.Define("{{- define \"name\" -}}n={{ .x }}{{- end }}");

        Assert.Equal("[n=1]", template.Render("[{{ include \"name\" . }}]", YamlNodes.Load("x: 1")));
    }

    [Fact]
    public void A_function_outside_the_subset_fails_rather_than_rendering_wrongly()
    {
        Assert.Throws<NotSupportedException>(() => new GoTemplate().Render("{{ .x | upper }}", YamlNodes.Load("x: a")));
    }
}
