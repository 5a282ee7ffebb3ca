using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Netra.Operator.Tests.Ui;

/// <summary>
/// Debian's Chromium driven by its chromedriver (both installed by tests/tools.sh), headless, through Selenium; named
/// paths, so Selenium Manager never looks for a browser to download. Screenshots go to tests/results/screenshots.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public static readonly string Screenshots = Path.Combine(Repository.Root, "tests", "results", "screenshots");

    private readonly ChromeDriver _driver;

    public Browser()
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromMinutes(1);
    }

    public IWebDriver Driver => _driver;

    public void GoTo(Uri address) => _driver.Navigate().GoToUrl(address);

    public Uri Location => new(_driver.Url);

    public IWebElement Find(By by) => _driver.FindElement(by);

    public IReadOnlyList<IWebElement> FindAll(By by) => _driver.FindElements(by);

    /// <summary>Writes the page as the browser shows it to <c>tests/results/screenshots/NAME.png</c>.</summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, name + ".png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
