namespace Netra.Operator.Core.Ui.Pages;

/// <summary>
/// The page around every view: title, who is looking, the way back to the runs. A page of an unfinished run asks the
/// browser to load it again every few seconds (a meta refresh: no script needed).
/// </summary>
public static class Layout
{
    public const int RefreshSeconds = 5;

    public static string Page(string title, string body, string? viewer, bool refresh = false) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{(refresh ? $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">" : string.Empty)}}
        <title>{{Html.E(title)}} · Netra</title>
        <link rel="stylesheet" href="/ui.css">
        </head>
        <body>
        <header><a class="home" href="/runs">Netra test runs</a>{{Who(viewer)}}</header>
        <main>
        <h1>{{Html.E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;

    private static string Who(string? viewer) => viewer is null
        ? string.Empty
        : $"<form class=\"who\" method=\"post\" action=\"/logout\"><span>{Html.E(viewer)}</span> <button>Log out</button></form>";
}
