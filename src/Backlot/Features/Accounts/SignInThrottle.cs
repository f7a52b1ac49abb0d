using System.Threading.RateLimiting;

namespace Backlot.Features.Accounts;

/// <summary>
/// Attempts per account, on top of the per-address limit (<see cref="AccountsFeature.SignInRateLimit"/>):
/// however many addresses an attacker uses, an account gets <see cref="PermitsPerWindow"/> guesses
/// per <see cref="Window"/>. A browser that has signed in to the account before has a budget of
/// its own (its device key), so strangers using up the account's budget cannot lock its owner out.
/// Written against <see cref="PartitionedRateLimiter{TResource}"/>, so a limiter shared by every
/// instance (Redis) can take the in-memory one's place.
/// </summary>
public sealed class SignInThrottle(PartitionedRateLimiter<string> limiter) : IDisposable
{
    public const int PermitsPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The in-memory limiter: per process, fixed windows.</summary>
    public static SignInThrottle InMemory(int permitsPerWindow = PermitsPerWindow) =>
        new(PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow,
            Window = Window,
            QueueLimit = 0,
        })));

    /// <summary>
    /// Takes one attempt from the account's budget, or from the device's when <paramref name="deviceKey"/>
    /// names a browser that signed in to this account before. The account need not exist: unknown
    /// addresses are limited the same way, so the answer says nothing about which accounts exist.
    /// </summary>
    public bool TryAttempt(string email, string? deviceKey)
    {
        ArgumentNullException.ThrowIfNull(email);
        var key = deviceKey is null ? "account:" + email.Trim().ToUpperInvariant() : "device:" + deviceKey;
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
