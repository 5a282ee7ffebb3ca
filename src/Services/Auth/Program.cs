using Netra.Auth;
using Netra.Auth.Accounts;

if (HashSecretCommand.TryRun(args, Console.In, Console.Out))
{
    return;
}

await AuthApp.Create(args).RunAsync();
