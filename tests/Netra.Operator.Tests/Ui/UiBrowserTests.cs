using OpenQA.Selenium;

namespace Netra.Operator.Tests.Ui;

/// <summary>
/// The UI in a real browser, as a platform engineer uses it: log in with a token, see only the namespaces it may read,
/// open the failed run and find its failing case, open the schedule and see its chart. Each page is written as a
/// screenshot under tests/results/screenshots.
/// </summary>
[Collection(UiDefinition.Name)]
public sealed class UiBrowserTests(UiFixture bed) : IDisposable
{
    private readonly Browser _browser = new();

    [Fact]
    public void A_viewer_logs_in_with_a_token_and_follows_a_failed_run_and_its_schedule()
    {
        _browser.GoTo(new Uri(bed.Ui.Address, "/runs"));
        Assert.Equal("/login", _browser.Location.AbsolutePath);
        _browser.Screenshot("login");

        _browser.Find(By.Id("token")).SendKeys(bed.ViewerToken);
        _browser.Find(By.CssSelector("form[action='/login'] button")).Click();

        Assert.Equal("/runs", _browser.Location.AbsolutePath);
        var runs = _browser.FindAll(By.CssSelector("table.runs tr.run td:first-child a")).Select(a => a.Text).ToList();
        Assert.Contains(UiFixture.FailedRun, runs);
        Assert.DoesNotContain(UiFixture.HiddenRun, runs);
        var namespaces = _browser.FindAll(By.CssSelector("select[name=namespace] option")).Select(o => o.Text).ToList();
        Assert.Equal(["any", UiFixture.Team], namespaces);
        _browser.Screenshot("runs");

        _browser.Find(By.LinkText(UiFixture.FailedRun)).Click();

        Assert.EndsWith($"/testruns/{UiFixture.FailedRun}", _browser.Location.AbsolutePath, StringComparison.Ordinal);
        var failure = _browser.Find(By.CssSelector("table.scenarios tr.failure")).Text;
        Assert.Contains(UiFixture.FailedCase, failure, StringComparison.Ordinal);
        Assert.Contains(UiFixture.FailureMessage, failure, StringComparison.Ordinal);
        _browser.Screenshot("run-failed");

        _browser.GoTo(new Uri(bed.Ui.Address, "/runs"));
        _browser.Find(By.CssSelector("table.schedules")).FindElement(By.LinkText(UiFixture.Schedule)).Click();

        var dots = _browser.FindAll(By.CssSelector("svg.pass-rate circle.run"));
        Assert.Equal(UiFixture.ScheduleOutcomes.Length, dots.Count);
        Assert.True(_browser.Find(By.CssSelector("svg.pass-rate")).Displayed);
        Assert.NotEmpty(_browser.FindAll(By.CssSelector("svg.scenario-strip rect.cell.failed")));
        _browser.Screenshot("schedule");
    }

    public void Dispose() => _browser.Dispose();
}
