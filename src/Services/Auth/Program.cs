using Netra.Auth;
using Netra.Auth.Accounts;
using Netra.ServiceDefaults;

if (HashSecretCommand.TryRun(args, Console.In, Console.Out))
{
    return 0;
}

return await StartupErrors.RunAsync("auth", () => AuthApp.Create(args));
