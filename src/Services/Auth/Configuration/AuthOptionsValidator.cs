using Microsoft.Extensions.Options;

namespace Netra.Auth.Configuration;

/// <summary>Refuses to start with options that would make the service misbehave, naming each problem.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
