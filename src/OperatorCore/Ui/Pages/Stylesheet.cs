namespace Netra.Operator.Core.Ui.Pages;

/// <summary>The one stylesheet, served from the UI itself (no CDN): the pages' policy allows no other.</summary>
public static class Stylesheet
{
    public const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1f24; background: #fff; }
        header { display: flex; justify-content: space-between; align-items: center; padding: .5rem 1rem; background: #24292f; }
        header a.home { color: #fff; font-weight: 600; text-decoration: none; }
        header .who { color: #d0d7de; margin: 0; }
        main { padding: 1rem; max-width: 1200px; }
        h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #d8dee4; vertical-align: top; }
        th { background: #f6f8fa; }
        dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; max-height: 30rem; white-space: pre-wrap; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; }
        .badge { padding: 0 .4rem; border-radius: .6rem; font-size: .85rem; background: #eaeef2; }
        .badge.succeeded, .badge.passed { background: #dafbe1; color: #116329; }
        .badge.failed { background: #ffebe9; color: #a40e26; }
        .badge.flaky { background: #fff8c5; color: #7d4e00; }
        .badge.probing, .badge.deploying, .badge.pending { background: #ddf4ff; color: #0550ae; }
        .verdict { font-size: 1.05rem; padding: .5rem; border-left: 4px solid #8c959f; background: #f6f8fa; }
        .verdict.succeeded { border-color: #1a7f37; }
        .verdict.failed { border-color: #cf222e; }
        .quarantined { font-style: italic; }
        .regression { border-left: 4px solid #cf222e; padding: 0 .5rem; background: #fff5f5; }
        .pages a { margin-right: .5rem; }
        .login { max-width: 40rem; }
        .login textarea { width: 100%; height: 6rem; font-family: monospace; }
        .error { color: #a40e26; }
        svg text { font: 11px system-ui, sans-serif; }
        """;
}
