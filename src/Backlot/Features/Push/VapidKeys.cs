using System.Security.Cryptography;
using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Push;

/// <summary>
/// The site's VAPID key pair (RFC 8292). Made once, on first start, and kept in the database so
/// every instance signs with the same key and a backup carries it; browsers bind each
/// subscription to it, so it is never replaced except by <see cref="RotateAsync"/>.
/// The CLI (<c>backlot push keys</c>) and the admin use this class.
/// </summary>
public sealed class VapidKeys(IServiceScopeFactory scopes, PublicPageCache pages, ILogger<VapidKeys> log) : IDisposable
{
    internal const string SettingKey = "push:vapid-private-key";

    private readonly SemaphoreSlim gate = new(1, 1);
    private VapidKeyPair? current;

    /// <summary>Raised after a rotation, so cached tokens signed with the old key are dropped.</summary>
    internal event Action? Rotated;

    /// <summary>The public key browsers pass to <c>pushManager.subscribe</c> as applicationServerKey: base64url, 65 bytes.</summary>
    public async Task<string> PublicKeyAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).PublicKey;

    /// <summary>
    /// Replaces the key pair. Every existing subscription was made for the old key and can no
    /// longer be reached, so they are deleted; readers' browsers subscribe again on their next
    /// visit. Refuses unless <paramref name="confirmed"/> is true.
    /// </summary>
    /// <returns>The new public key and how many subscriptions were deleted.</returns>
    public async Task<(string PublicKey, int SubscriptionsDeleted)> RotateAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            throw new InvalidOperationException("Rotating the VAPID keys deletes every push subscription: readers must subscribe again. Confirm explicitly to go on.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var pair = VapidKeyPair.Create();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var setting = await db.Set<SiteSetting>().AsTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
            if (setting is null)
            {
                db.Set<SiteSetting>().Add(new SiteSetting { Key = SettingKey, Value = pair.Serialize() });
            }
            else
            {
                setting.Value = pair.Serialize();
            }

            await db.SaveChangesAsync(cancellationToken);
            var deleted = await db.Set<PushSubscription>().ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var old = current;
            current = pair;
            old?.Dispose();
            Rotated?.Invoke();
            await pages.EvictAllAsync(cancellationToken); // pages embed the public key
            log.LogWarning("VAPID keys rotated; {Count} push subscriptions deleted", deleted);
            return (pair.PublicKey, deleted);
        }
        finally
        {
            gate.Release();
        }
    }

    internal async ValueTask<VapidKeyPair> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } loaded)
        {
            return loaded;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return current ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<VapidKeyPair> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var stored = await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            // A stored key that does not load is an error to fix, never a reason to make a new one.
            return VapidKeyPair.Deserialize(stored);
        }

        var pair = VapidKeyPair.Create();
        db.Set<SiteSetting>().Add(new SiteSetting { Key = SettingKey, Value = pair.Serialize() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Created the VAPID key pair for web push");
            return pair;
        }
        catch (DbUpdateException)
        {
            // Another instance made one first: use theirs.
            pair.Dispose();
            db.ChangeTracker.Clear();
            var theirs = await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstAsync(cancellationToken);
            return VapidKeyPair.Deserialize(theirs);
        }
    }

    public void Dispose()
    {
        current?.Dispose();
        gate.Dispose();
    }
}

/// <summary>A P-256 signing key and its public key in the form browsers and push services expect.</summary>
internal sealed class VapidKeyPair : IDisposable
{
    private VapidKeyPair(ECDsa key)
    {
        Key = key;
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        PublicKey = Base64UrlText.Encode([0x04, .. q.X!, .. q.Y!]);
    }

    public ECDsa Key { get; }

    /// <summary>Uncompressed point, base64url: the applicationServerKey and the "k" of the Authorization header.</summary>
    public string PublicKey { get; }

    public static VapidKeyPair Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static VapidKeyPair Deserialize(string value)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
            if (key.KeySize != 256)
            {
                throw new CryptographicException("The stored VAPID key is not a P-256 key.");
            }

            return new VapidKeyPair(key);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The VAPID key stored in the site settings ({VapidKeys.SettingKey}) cannot be read. Restore it from a backup; making a new one would cut off every subscriber.", e);
        }
    }

    public string Serialize() => Convert.ToBase64String(Key.ExportPkcs8PrivateKey());

    public void Dispose() => Key.Dispose();
}
