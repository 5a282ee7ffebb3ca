namespace Netra.Auth.Accounts;

/// <summary>
/// <c>netra-auth hash-secret [VALUE]</c>: prints the hash to put in <c>Auth:Users:N:PasswordHash</c> or
/// <c>Auth:Clients:N:SecretHash</c>. Without VALUE it reads one line from stdin, which keeps the secret
/// out of shell history and process listings.
/// </summary>
public static class HashSecretCommand
{
    public const string Name = "hash-secret";

    public static bool TryRun(string[] args, TextReader input, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        var secret = args.Length > 1 ? args[1] : input.ReadLine();
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("Usage: netra-auth hash-secret VALUE (or the value on stdin).", nameof(args));
        }

        output.WriteLine(SecretHasher.Hash(secret));
        return true;
    }
}
