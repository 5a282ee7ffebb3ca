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
    [InlineData("{{ .s | trunc 3 }},{{ trunc 10 .s }},{{ trunc -2 .s }}", "s: abcdef", "abc,abcdef,ef")]
    [InlineData("{{ .s | trimSuffix \"-\" }},{{ trimSuffix \"x\" .s }}", "s: a--", "a-,a--")]
    [InlineData("{{ contains \"op\" .s }},{{ contains .s \"op\" }}", "s: netra-operator", "true,false")]
    [InlineData("{{ .s | replace \"+\" \"_\" }}", "s: 1.0+build+2", "1.0_build_2")]
    [InlineData("{{- $n := .x }}[{{ $n }}]", "x: 1", "[1]")]
    [InlineData("{{ $n := 1 }}{{ if .t }}{{ $n := 2 }}{{ $n }}{{ end }}{{ $n }}", "t: true", "21")]
    [InlineData("{{ $n := 1 }}{{ with .m }}{{ $n := .k }}{{ $n }}{{ else }}none{{ end }}{{ $n }}", "m: {k: 2}", "21")]
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
    public void Inside_an_include_dollar_is_the_value_it_was_given_as_in_go_templates()
    {
        var template = new GoTemplate();
        template.Define("{{- define \"root\" -}}{{ $.x }}{{- end }}");

        Assert.Equal("inner", template.Render("{{ include \"root\" .m }}", YamlNodes.Load("{x: outer, m: {x: inner}}")));
    }

    [Fact]
    public void A_function_outside_the_subset_fails_rather_than_rendering_wrongly()
    {
        Assert.Throws<NotSupportedException>(() => new GoTemplate().Render("{{ .x | upper }}", YamlNodes.Load("x: a")));
    }
}
