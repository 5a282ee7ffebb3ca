using Microsoft.Extensions.Options;
using Netra.Auth.Configuration;

namespace Netra.Auth.Keys;

/// <summary>
/// The published signing keys, in memory, kept in step with SQLite. Readers see an immutable snapshot;
/// only <see cref="KeyRotationService"/> changes it, one rotation at a time.
/// </summary>
public sealed class SigningKeyRing(
    SigningKeyRepository repository,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRing> logger)
{
    private volatile KeySnapshot _snapshot = KeySnapshot.Empty;

    /// <summary>Every key in the JWKS: the signing key, the next one once created, and the previous ones while their tokens live.</summary>
    public IReadOnlyList<SigningKey> Published => _snapshot.Keys;

    public RotationSettings Settings { get; } = new(
        options.Value.SigningKeyRotationInterval,
        options.Value.SigningKeyPublishLead,
        options.Value.AccessTokenLifetime + options.Value.ClockSkew);

    public SigningKey CurrentSigningKey()
    {
        var snapshot = _snapshot;
        var kid = KeyRotationSchedule.SigningKid(snapshot.Activations, time.GetUtcNow())
            ?? throw new InvalidOperationException("No signing key has been loaded yet.");
        return snapshot.ByKid[kid];
    }

    public SigningKey? Find(string? kid) => kid is not null && _snapshot.ByKid.TryGetValue(kid, out var key) ? key : null;

    /// <summary>The key of <c>Auth:SigningKeyPath</c> alone when set (it rotates with its Secret), else the stored keys.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SigningKeyPath is { } path)
        {
            var key = SigningKey.FromPem(await File.ReadAllTextAsync(path, cancellationToken), time.GetUtcNow());
            logger.LogInformation("Signing with key {Kid} from Auth:SigningKeyPath", key.Kid);
            _snapshot = new KeySnapshot([key]);
            return;
        }

        _snapshot = new KeySnapshot([.. await repository.LoadAllAsync(cancellationToken)]);
    }

    /// <summary>
    /// Applies the rotation plan for now: a new key is stored and published before anything signs with it. A key
    /// from <c>Auth:SigningKeyPath</c> is never rotated here: replacing the file (and restarting) rotates it.
    /// </summary>
    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SigningKeyPath is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var keys = _snapshot.Keys.ToList();
        var plan = KeyRotationSchedule.Plan(_snapshot.Activations, now, Settings);
        if (plan.IsEmpty)
        {
            return;
        }

        if (plan.CreateKeyActivatingAt is { } due)
        {
            var pkcs8 = SigningKey.NewPrivateKey();
            // Generating the key can take a while on a busy machine: the lead counts from publication, not from the plan.
            var publishedAt = time.GetUtcNow();
            var earliest = keys.Count == 0 ? publishedAt : publishedAt + Settings.PublishLead;
            var key = SigningKey.FromPkcs8(pkcs8, publishedAt, due > earliest ? due : earliest);
            await repository.InsertAsync(key, pkcs8, cancellationToken);
            keys.Add(key);
            logger.LogInformation("Published signing key {Kid}, signing from {ActivatesAt:O}", key.Kid, key.ActivatesAt);
        }

        foreach (var kid in plan.Retire)
        {
            await repository.DeleteAsync(kid, cancellationToken);
            keys.RemoveAll(k => k.Kid == kid);
            logger.LogInformation("Retired signing key {Kid}", kid);
        }

        _snapshot = new KeySnapshot(keys);
    }

    private sealed class KeySnapshot
    {
        public static readonly KeySnapshot Empty = new([]);

        public KeySnapshot(List<SigningKey> keys)
        {
            Keys = [.. keys.OrderBy(k => k.ActivatesAt)];
            Activations = [.. Keys.Select(k => k.Activation)];
            ByKid = Keys.ToDictionary(k => k.Kid, StringComparer.Ordinal);
        }

        public IReadOnlyList<SigningKey> Keys { get; }

        public IReadOnlyList<KeyActivation> Activations { get; }

        public Dictionary<string, SigningKey> ByKid { get; }
    }
}
