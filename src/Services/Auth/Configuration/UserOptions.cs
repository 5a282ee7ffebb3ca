namespace Netra.Auth.Configuration;

/// <summary>One user, <c>Auth:Users:N</c>. The password is stored only as a hash (see <c>netra-auth hash-secret</c>).</summary>
public sealed class UserOptions
{
    public string Username { get; set; } = "";

    public string PasswordHash { get; set; } = "";
}
