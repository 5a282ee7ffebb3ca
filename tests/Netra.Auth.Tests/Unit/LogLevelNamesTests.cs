using Microsoft.Extensions.Configuration;
using Netra.ServiceDefaults;

namespace Netra.Auth.Tests.Unit;

/// <summary>A service takes its log level named as the operator and every chart name it; Serilog's own names keep working.</summary>
public sealed class LogLevelNamesTests
{
    [Theory]
    [InlineData("Trace", "Verbose")]
    [InlineData("critical", "Fatal")]
    [InlineData("Information", "Information")]
    [InlineData("Verbose", "Verbose")]
    [InlineData("Fatal", "Fatal")]
    public void The_dotnet_name_reaches_serilog_as_its_own(string given, string read)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new(LogLevelNames.Key, given)]);

        LogLevelNames.UseSerilogNames(configuration);

        Assert.Equal(read, configuration[LogLevelNames.Key]);
    }

    [Fact]
    public void A_level_of_neither_naming_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new(LogLevelNames.Key, "Chatty")]);

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => LogLevelNames.UseSerilogNames(configuration));

        Assert.Equal("Serilog:MinimumLevel:Default is not a log level: Trace, Debug, Information, Warning, Error or Critical.", refused.Message);
    }

    [Fact]
    public void No_level_given_stays_none()
    {
        var configuration = new ConfigurationManager();

        LogLevelNames.UseSerilogNames(configuration);

        Assert.Null(configuration[LogLevelNames.Key]);
    }
}
